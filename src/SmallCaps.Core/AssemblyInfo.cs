namespace SmallCaps.Core;
