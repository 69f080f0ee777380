# test/tap.sh: TAP output for the shell suites (test/t/*.sh), which source
# it.  Each check prints "ok N - DESCRIPTION" or "not ok N - DESCRIPTION";
# test/run counts the lines.
#
#   ok DESCRIPTION...                 a check that passed
#   not_ok DESCRIPTION...             a check that failed
#   check DESCRIPTION WANT GOT        passes if GOT is WANT; else shows both
#   skip DESCRIPTION REASON           a check that cannot run here: counted
#                                     as skipped, not passed
#   skip_all REASON...                the whole suite cannot run here: prints
#                                     the plan "1..0 # SKIP REASON" and exits
#                                     0; test/run counts the suite skipped

n=0
ok() { n=$((n + 1)); echo "ok $n - $*"; }
not_ok() { n=$((n + 1)); echo "not ok $n - $*"; }
check() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1"; echo "# want: $2"; echo "# got:  $3"; fi
}
skip() { n=$((n + 1)); echo "ok $n - $1 # SKIP $2"; }
skip_all() {
	echo "1..0 # SKIP $*"
	exit 0
}
