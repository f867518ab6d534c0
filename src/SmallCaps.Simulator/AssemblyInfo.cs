namespace SmallCaps.Simulator;
