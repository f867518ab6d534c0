#!/usr/bin/env bash
# Nightly incremental update of the lake (cron, systemd timer). Exact resume makes it incremental:
# windows already in the ledger are skipped, only new days are fetched. --to today is clamped to the
# last complete New York day. Exit: 0 all done; 1 some tasks failed (retried once); otherwise the
# contract code of the step that failed (2 bad input, 3 key/plan, 4 another run holds the lake).
#
# crontab -e:   30 6 * * 2-6  /opt/smallcaps/nightly-update.sh >> /var/log/smallcaps-nightly.log 2>&1
# The key comes from MASSIVE_API_KEY (export it in the cron environment or use a .env in $WORKDIR).
set -u

LAKE="${LAKE:-$HOME/lake}"
UNIVERSE="${UNIVERSE:-$HOME/universe.csv}"
FROM="${FROM:-2005-01-01}"
WORKDIR="${WORKDIR:-$HOME/smallcaps-nightly}"
SMALLCAPS="${SMALLCAPS:-smallcaps}"
TODAY="$(TZ=America/New_York date +%F)"

mkdir -p "$WORKDIR" && cd "$WORKDIR" || exit 2

run_step() {
    local verb="$1" code attempt
    for attempt in 1 2; do
        echo "$(date -u +%FT%TZ) $verb attempt $attempt"
        "$SMALLCAPS" "$verb" --tickers-csv "$UNIVERSE" --outdir "$LAKE" --from "$FROM" --to "$TODAY" --max-rps 50
        code=$?
        case "$code" in
            0)   echo "$(date -u +%FT%TZ) $verb: done"; return 0 ;;
            1)   echo "$(date -u +%FT%TZ) $verb: some tasks failed; retrying once (exact resume)" ;;
            4)   echo "$(date -u +%FT%TZ) $verb: another run holds $LAKE (see: $SMALLCAPS status --workdir ...); skipping tonight"; return 4 ;;
            130) echo "$(date -u +%FT%TZ) $verb: interrupted; the next run resumes"; return 130 ;;
            *)   echo "$(date -u +%FT%TZ) $verb: failed with exit $code (2 = bad input, 3 = key or plan)"; return "$code" ;;
        esac
    done
    return 1
}

status=0
for verb in ingest-daily ingest-minute; do
    run_step "$verb"
    code=$?
    [ "$code" -ne 0 ] && [ "$status" -eq 0 ] && status=$code
    # A bad key or bad input will not get better for the next dataset.
    [ "$code" -eq 2 ] || [ "$code" -eq 3 ] && break
done

"$SMALLCAPS" verify --outdir "$LAKE" > "$WORKDIR/verify-$TODAY.txt" || echo "verify found problems: $WORKDIR/verify-$TODAY.txt"
echo "$(date -u +%FT%TZ) nightly update finished with exit $status"
exit "$status"
