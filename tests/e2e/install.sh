# make install puts the binary, library, header, data and a pkg-config file in PREFIX, and a
# program built against the installed library codes events.
. "$(dirname "$0")/lib.inc"
case "${DYAD_BUILD:-build}" in
*/san) echo "skipped: install is checked in the plain build only"; exit 0 ;;
esac
cd "$DYAD_ROOT" || fail "root"
make -s install PREFIX="$TMP/inst" >"$TMP/make.log" 2>&1 || { cat "$TMP/make.log"; fail "make install"; }
for f in bin/dyad lib/libdyad.a include/dyad.h lib/pkgconfig/dyad.pc share/dyad/actors/index.txt \
         share/dyad/verbs/index.txt share/dyad/cameo.tsv; do
    [ -e "$TMP/inst/$f" ] || fail "missing $f"
done
cat >"$TMP/prog.c" <<'C'
#include <dyad.h>
#include <stdio.h>
#include <string.h>
int main(void)
{
    char err[256];
    dyad_coder *c = dyad_coder_open(NULL, err, sizeof err);
    if (!c) { fprintf(stderr, "%s\n", err); return 1; }
    const char *t = "Japan condemned North Korea on Monday.";
    dyad_result *r = dyad_code_text(c, "x", t, strlen(t), "2024-02-20", err, sizeof err);
    if (!r || dyad_result_event_count(r) != 1) return 2;
    const dyad_event *e = dyad_result_event(r, 0);
    printf("%s %s %s %s\n", e->source.code, e->target.code, e->cameo, e->date);
    dyad_result_free(r);
    dyad_coder_free(c);
    return 0;
}
C
export PKG_CONFIG_PATH="$TMP/inst/lib/pkgconfig"
cc -std=c17 -o "$TMP/prog" "$TMP/prog.c" $(pkg-config --cflags dyad) $(pkg-config --libs dyad) \
    || fail "compile against installed dyad"
DYAD_DATA="$TMP/inst/share/dyad" "$TMP/prog" >"$TMP/out" || fail "program failed"
grep -q "^JPN PRK 111 2024-02-19$" "$TMP/out" || fail "got: $(cat "$TMP/out")"
# the installed binary finds its data without help
env -u DYAD_DATA "$TMP/inst/bin/dyad" codes >"$TMP/codes" || fail "installed dyad codes"
grep -q "^042	" "$TMP/codes" || fail "codes table"
echo ok
