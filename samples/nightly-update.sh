#!/usr/bin/env bash
# Nightly incremental update of the lake (cron, systemd timer). Exact resume makes it incremental:
# windows already in the ledger are skipped, only new days are fetched. --to today is clamped to the
# last complete New York day. Exit: 0 all done; 1 some tasks failed (retried once); otherwise the
# contract code of the step that stopped the night (2 bad input or smallcaps not found, 3 key/plan,
# 4 another run holds the lake: the night is skipped, 130 interrupted: the night stops).
#
# FROM_DAILY / FROM_MINUTE must be the --from your lake was built with: an earlier date backfills
# every ticker back to it. The defaults are those of the README's "Real use" example.
#
# crontab -e (cron uses the machine's time zone: 06:30 must be after 00:00 in New York, see samples/README.md):
#   30 6 * * 2-6  LAKE=/data/lake UNIVERSE=/data/universe.csv SMALLCAPS=$HOME/.dotnet/tools/smallcaps /opt/smallcaps/nightly-update.sh >> $HOME/smallcaps-nightly.log 2>&1
# The key comes from MASSIVE_API_KEY (export it in the cron environment or use a .env in $WORKDIR).
set -u

LAKE="${LAKE:-$HOME/lake}"
UNIVERSE="${UNIVERSE:-$HOME/universe.csv}"
FROM_DAILY="${FROM_DAILY:-2005-01-01}"
FROM_MINUTE="${FROM_MINUTE:-2019-01-01}"
WORKDIR="${WORKDIR:-$HOME/smallcaps-nightly}"
# cron's PATH (/usr/bin:/bin) lacks ~/.dotnet/tools, where `dotnet tool install -g` puts the tool.
if [ -z "${SMALLCAPS:-}" ]; then
    SMALLCAPS="$(command -v smallcaps || echo "$HOME/.dotnet/tools/smallcaps")"
fi
TODAY="$(TZ=America/New_York date +%F)"

if ! command -v "$SMALLCAPS" > /dev/null 2>&1; then
    echo "$(date -u +%FT%TZ) error: smallcaps not found (SMALLCAPS=$SMALLCAPS, PATH=$PATH); set SMALLCAPS to the tool's full path, e.g. SMALLCAPS=\$HOME/.dotnet/tools/smallcaps" >&2
    exit 2
fi
if [ -n "${FROM:-}" ]; then
    echo "$(date -u +%FT%TZ) error: FROM is no longer read; set FROM_DAILY and FROM_MINUTE (the --from of each dataset of the lake)" >&2
    exit 2
fi

mkdir -p "$WORKDIR" && cd "$WORKDIR" || exit 2

run_step() {
    local verb="$1" from="$2" code attempt
    for attempt in 1 2; do
        echo "$(date -u +%FT%TZ) $verb attempt $attempt"
        "$SMALLCAPS" "$verb" --tickers-csv "$UNIVERSE" --outdir "$LAKE" --from "$from" --to "$TODAY" --max-rps 50
        code=$?
        case "$code" in
            0)   echo "$(date -u +%FT%TZ) $verb: done"; return 0 ;;
            1)   echo "$(date -u +%FT%TZ) $verb: some tasks failed; retrying once (exact resume)" ;;
            2)   echo "$(date -u +%FT%TZ) $verb: bad input (exit 2); stopping the night"; return 2 ;;
            3)   echo "$(date -u +%FT%TZ) $verb: key rejected or plan not entitled (exit 3); stopping the night"; return 3 ;;
            4)   echo "$(date -u +%FT%TZ) $verb: another run holds $LAKE (its pid is named above); skipping the night"; return 4 ;;
            130) echo "$(date -u +%FT%TZ) $verb: interrupted (exit 130); stopping the night, the next run resumes"; return 130 ;;
            *)   echo "$(date -u +%FT%TZ) $verb: ended with exit $code, not a contract code (crashed?); going on"; return "$code" ;;
        esac
    done
    return 1
}

status=0
for verb in ingest-daily ingest-minute; do
    if [ "$verb" = ingest-daily ]; then run_step "$verb" "$FROM_DAILY"; else run_step "$verb" "$FROM_MINUTE"; fi
    code=$?
    [ "$code" -ne 0 ] && [ "$status" -eq 0 ] && status=$code
    # Bad input or a bad key will not get better for the next dataset; a held lake or an interrupt ends the night.
    case "$code" in
        2|3|4|130)
            echo "$(date -u +%FT%TZ) nightly update stopped with exit $code (verify not run)"
            exit "$code" ;;
    esac
done

"$SMALLCAPS" verify --outdir "$LAKE" > "$WORKDIR/verify-$TODAY.txt" 2>&1
code=$?
case "$code" in
    0) ;;
    1) echo "$(date -u +%FT%TZ) verify found problems: $WORKDIR/verify-$TODAY.txt" ;;
    *) echo "$(date -u +%FT%TZ) verify could not run (exit $code): $WORKDIR/verify-$TODAY.txt" ;;
esac
echo "$(date -u +%FT%TZ) nightly update finished with exit $status"
exit "$status"
