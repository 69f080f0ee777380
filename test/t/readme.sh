#!/usr/bin/env bash
# readme.sh: every SQL example in the docs is real, every reference in them
# resolves, and they use the current names.
#
# The docs: README.md, REFERENCE.md, DESIGN.md and bench/README.md (those
# that exist; README.md must).  Runs each ```sql block of a doc, in order,
# in a fresh database of its own (one per doc), and compares what psql
# prints with the ```text block that follows it (if one does).  Blocks fenced
# as ```sql norun are shown to readers but not run (they need other
# servers).  With --update, rewrites the ```text blocks from the actual
# output instead: review the diff before committing it.
#
# Then, across the docs: every [text](#anchor) and [text](FILE#anchor)
# names a heading of that file, every [text](path) exists (relative to the
# doc's directory), every `FILE.md` named in the prose exists, and the
# names that 0.4.0 deprecated (cohort_retention, churn_periods' methods
# 'default' and 'stripe') appear only on lines that say they are deprecated
# aliases.
#
# Needs a running server in PGHOST/PGPORT/PGUSER (test/run provides one).
set -euo pipefail

root=${CX_ROOT:-$(cd "$(dirname "$0")/../.." && pwd)}
db=cx_readme
update=0
[ "${1:-}" = "--update" ] && update=1

docs=()
for f in README.md REFERENCE.md DESIGN.md bench/README.md; do
	[ -f "$root/$f" ] && docs+=("$f")
done
[ -f "$root/README.md" ] || { echo "README.md does not exist"; exit 1; }

fresh_db() {
	psql -X -q -d postgres -v ON_ERROR_STOP=1 >/dev/null <<SQL
SET client_min_messages = warning;
DROP DATABASE IF EXISTS $db;
CREATE DATABASE $db;
SQL
}

# psql reads the block from stdin, so errors print without a file prefix,
# exactly as a user sees them.
export PSQL_CMD="psql -X -q -d $db"
export UPDATE=$update
status=0

for doc in "${docs[@]}"; do
	fresh_db
	perl -e '
	use strict; use warnings;
	my ($path, $name) = @ARGV;
	open(my $fh, "<", $path) or die "cannot read $path: $!";
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
		print "$main::name: sql block before line $at failed:\n$output\n";
	}
	$main::name = $name;
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
					print "$name: block ending at line $i differs:\n--- $name\n$want+++ actual\n$got\n";
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
		open(my $w, ">", $path) or die; print $w @out; close $w;
		print "updated $name ($ran sql blocks)\n";
	} else {
		print "$name: $ran sql blocks run, $failed outputs differ\n";
		exit($failed ? 1 : 0);
	}
	' "$root/$doc" "$doc" || status=$?
done
psql -X -q -d postgres -c "DROP DATABASE IF EXISTS $db" >/dev/null

perl -e '
	use strict; use warnings;
	use File::Basename qw(dirname);
	use File::Spec;
	my ($root, @docs) = @ARGV;
	my %anchors;		# file (relative to root) -> { anchor -> 1 }
	sub read_file { my ($f) = @_; open(my $fh, "<", $f) or return undef; local $/; my $t = <$fh>; close $fh; return $t; }
	sub prose { my ($t) = @_; $t =~ s/^```.*?^```//msg; return $t; }
	# GitHub anchors: lower case, punctuation dropped, spaces to hyphens;
	# a repeated heading gets -1, -2, ...
	sub anchors_of {
		my ($file) = @_;
		return $anchors{$file} if $anchors{$file};
		my $text = read_file("$root/$file");
		my %a;
		if (defined $text) {
			for my $h (prose($text) =~ /^#+ +(.*?) *$/mg) {
				(my $a = lc $h) =~ s/[^\w\- ]//g;
				$a =~ s/ /-/g;
				my ($base, $k) = ($a, 0);
				$a = $base . "-" . ++$k while $a{$a};
				$a{$a} = 1;
			}
		}
		return $anchors{$file} = \%a;
	}
	# a path named in $doc, as a path relative to root (undef: outside)
	sub resolve {
		my ($doc, $link) = @_;
		my $dir = dirname($doc);
		my $p = File::Spec->canonpath($dir eq "." ? $link : "$dir/$link");
		1 while $p =~ s{(^|/)(?!\.\./)[^/]+/\.\.(/|$)}{$1}; # a/../b -> b
		return $p;
	}
	my $bad = 0;
	for my $doc (@docs) {
		my $text = read_file("$root/$doc");
		my $prose = prose($text);
		for my $link ($prose =~ /\]\(([^)\s]+)\)/g) {
			next if $link =~ m{^[a-z]+://};
			my ($path, $anchor) = $link =~ /^([^#]*)(?:#(.*))?$/;
			my $target = $path eq "" ? $doc : resolve($doc, $path);
			if (! -e "$root/$target") {
				print "$doc links to $link, which does not exist\n";
				$bad++;
				next;
			}
			next unless defined $anchor;
			next if anchors_of($target)->{$anchor};
			print "$doc links to $link: $target has no heading #$anchor\n";
			$bad++;
		}
		my %seen;
		for my $file ($prose =~ /\b([\w.\/-]+\.md)\b/g) {
			next if $seen{$file}++ || -e "$root/$file" || -e "$root/" . resolve($doc, $file);
			print "$doc names $file, which is not in the repository\n";
			$bad++;
		}
		# the names 0.4.0 deprecated, only where a line says so
		my $n = 0;
		for my $line (split /\n/, $text) {
			$n++;
			next if $line =~ /deprecat|alias/i;
			my @old;
			push @old, "cohort_retention" if $line =~ /(?<!churn_)\bcohort_retention\b/;
			push @old, "\x27stripe\x27" if $line =~ /\x27stripe\x27/;
			push @old, "\x27default\x27" if $line =~ /\x27default\x27/;
			next unless @old;
			print "$doc:$n uses the deprecated name ", join(", ", @old), ": $line\n";
			$bad++;
		}
	}
	print "docs (", join(", ", @docs), "): every reference resolves, no deprecated name in use\n" unless $bad;
	exit($bad ? 1 : 0);
' "$root" "${docs[@]}" || status=1
exit $status
