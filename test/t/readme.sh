#!/usr/bin/env bash
# readme.sh: every SQL example in README.md is real, and every reference in
# it resolves.
#
# Runs each ```sql block of README.md, in order, in a fresh database, and
# compares what psql prints with the ```text block that follows it (if one
# does).  Blocks fenced as ```sql norun are shown to readers but not run
# (they need other servers).  With --update, rewrites the ```text blocks from
# the actual output instead: review the diff before committing it.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
set -euo pipefail

root=${CX_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
readme=$root/README.md
db=cx_readme
update=0
[ "${1:-}" = "--update" ] && update=1

psql -X -q -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db;
SQL

# psql reads the block from stdin, so errors print without a file prefix,
# exactly as a user sees them.
export PSQL_CMD="psql -X -q -d $db"
export UPDATE=$update
status=0

perl -e '
	use strict; use warnings;
	my ($readme) = @ARGV;
	open(my $fh, "<", $readme) or die "cannot read $readme: $!";
	my @lines = <$fh>;
	close $fh;
	my (@out, $failed, $ran);
	$failed = 0; $ran = 0;
	my $i = 0;
	my $last_output;
	# a block whose output is not shown must at least not fail
	sub check_unshown {
		my ($output, $at) = @_;
		return unless defined $output && $output =~ /ERROR:/;
		$main::failed_unshown++;
		print "README sql block before line $at failed:\n$output\n";
	}
	$main::failed_unshown = 0;
	while ($i < @lines) {
		my $line = $lines[$i];
		if ($line =~ /^```sql\s*$/) {
			my @sql;
			check_unshown($last_output, $i);
			push @out, $line; $i++;
			while ($i < @lines && $lines[$i] !~ /^```\s*$/) { push @sql, $lines[$i]; push @out, $lines[$i]; $i++; }
			push @out, $lines[$i]; $i++;
			open(my $p, "|-", "$ENV{PSQL_CMD} > /tmp/cx_readme_out.$$ 2>&1") or die;
			print $p @sql; close $p;
			open(my $r, "<", "/tmp/cx_readme_out.$$") or die; local $/; $last_output = <$r>; close $r;
			$ran++;
			next;
		}
		if ($line =~ /^```text\s*$/ && defined $last_output) {
			my @expected;
			push @out, $line; $i++;
			while ($i < @lines && $lines[$i] !~ /^```\s*$/) { push @expected, $lines[$i]; $i++; }
			my $want = join("", @expected); my $got = $last_output;
			for ($want, $got) { s/[ \t]+$//mg; s/\n+\z/\n/; s/\A\n+//; }
			if ($ENV{UPDATE}) {
				push @out, $got;
			} else {
				push @out, @expected;
				if ($want ne $got) {
					$failed++;
					print "README block ending at line $i differs:\n--- README\n$want+++ actual\n$got\n";
				}
			}
			push @out, $lines[$i]; $i++;
			undef $last_output;
			next;
		}
		undef $last_output if $line =~ /^```/;
		push @out, $line; $i++;
	}
	check_unshown($last_output, $i);
	$failed += $main::failed_unshown;
	unlink "/tmp/cx_readme_out.$$";
	if ($ENV{UPDATE}) {
		open(my $w, ">", $readme) or die; print $w @out; close $w;
		print "updated $readme ($ran sql blocks)\n";
	} else {
		print "README.md: $ran sql blocks run, $failed outputs differ\n";
		exit($failed ? 1 : 0);
	}
' "$readme" || status=$?
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null

# Every [text](#anchor) names a heading (GitHub's anchors: lower case,
# punctuation dropped, spaces to hyphens), every [text](path) and every
# `FILE.md` named in the text exists.
perl -e '
	use strict; use warnings;
	my ($readme, $root) = @ARGV;
	open(my $fh, "<", $readme) or die "cannot read $readme: $!";
	my $text = do { local $/; <$fh> };
	close $fh;
	(my $prose = $text) =~ s/^```.*?^```//msg;
	my %anchor;
	for my $h ($prose =~ /^#+ +(.*?) *$/mg) {
		(my $a = lc $h) =~ s/[^\w\- ]//g;
		$a =~ s/ /-/g;
		$anchor{$a} = 1;
	}
	my $bad = 0;
	for my $link ($prose =~ /\]\(([^)\s]+)\)/g) {
		if ($link =~ /^#(.*)/) {
			next if $anchor{$1};
			print "README links to #$1, which is no heading\n";
		} elsif ($link =~ m{^[a-z]+://}) {
			next;
		} else {
			next if -e "$root/$link";
			print "README links to $link, which does not exist\n";
		}
		$bad++;
	}
	my %seen;
	for my $file ($prose =~ /\b([\w.\/-]+\.md)\b/g) {
		next if $seen{$file}++ || -e "$root/$file";
		print "README names $file, which is not in the repository\n";
		$bad++;
	}
	print "README.md: every reference resolves\n" unless $bad;
	exit($bad ? 1 : 0);
' "$readme" "$root" || status=1
exit $status
