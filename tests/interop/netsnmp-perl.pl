#!/usr/bin/perl
# netsnmp-perl.pl - Perl's Net::SNMP (Debian libnet-snmp-perl) as a notification sender for the
# interop tests in tests/interop/peers.sh. Each operation on the command line gets its own
# session and sends one notification; for each the script prints "OP N ok" or "OP N error: why",
# and for an inform the Response as Net::SNMP returned it ("OP N response request-id R" and one
# "OP N vb OID = VALUE" per varbind, in the Response's order). One try, 2 s timeout; it does not
# check what the receiver logged.
#
# Usage: netsnmp-perl.pl HOST PORT OPERATION...
#   v2c-trap,COMMUNITY,TEXT     v2c-inform,COMMUNITY,TEXT
#   v3-trap,USER,AUTH,AUTHPASS,PRIV,PRIVPASS,ENGINEID,TEXT  (we are the authoritative engine)
#   v3-inform,USER,AUTH,AUTHPASS,PRIV,PRIVPASS,TEXT         (Net::SNMP discovers the receiver)
# AUTH md5|sha, PRIV des|aes (Net::SNMP's names); the varbinds: sysUpTime.0 = 4242,
# snmpTrapOID.0 = 1.3.6.1.4.1.8072.2.3.0.1, 1.3.6.1.4.1.8072.2.3.2.1 = STRING: TEXT.
use strict;
use warnings;
use Net::SNMP qw(:asn1);

my ($host, $port, @ops) = @ARGV;
die "usage: netsnmp-perl.pl HOST PORT OPERATION...\n" unless defined $port && @ops;
$| = 1;
my $rc = 0;
my $k = 0;
for my $op (@ops) {
    $k++;
    my ($kind, @f) = split /,/, $op, -1;
    my %sec;
    my $text;
    if ($kind =~ /^v2c-/) {
        %sec = (-version => 'snmpv2c', -community => $f[0]);
        $text = $f[1];
    } elsif ($kind =~ /^v3-/) {
        %sec = (-version => 'snmpv3', -username => $f[0], -authprotocol => $f[1],
                -authpassword => $f[2], -privprotocol => $f[3], -privpassword => $f[4]);
        if ($kind eq 'v3-trap') {
            $sec{-authoritative} = 1;
            $sec{-engineid} = $f[5];
            $text = $f[6];
        } else {
            $text = $f[5];
        }
    } else {
        die "unknown operation $op\n";
    }
    my ($s, $err) = Net::SNMP->session(-hostname => $host, -port => $port, -timeout => 2,
                                       -retries => 0, %sec);
    if (!defined $s) {
        print "OP $k error: $err\n";
        $rc = 1;
        next;
    }
    my @vbs = ('1.3.6.1.2.1.1.3.0', TIMETICKS, 4242,
               '1.3.6.1.6.3.1.1.4.1.0', OBJECT_IDENTIFIER, '1.3.6.1.4.1.8072.2.3.0.1',
               '1.3.6.1.4.1.8072.2.3.2.1', OCTET_STRING, $text);
    if ($kind =~ /-trap$/) {
        if ($s->snmpv2_trap(-varbindlist => \@vbs)) {
            print "OP $k ok\n";
        } else {
            print "OP $k error: ", $s->error(), "\n";
            $rc = 1;
        }
    } else {
        my $r = $s->inform_request(-varbindlist => \@vbs);
        if (defined $r) {
            my $pdu = $s->pdu();
            print "OP $k ok\n";
            print "OP $k response request-id ", $pdu->request_id(), "\n";
            print "OP $k vb $_ = $r->{$_}\n" for $s->var_bind_names();
        } else {
            print "OP $k error: ", $s->error(), "\n";
            $rc = 1;
        }
    }
    $s->close();
}
exit $rc;
