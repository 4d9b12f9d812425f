// send.go - a notification sender built on gosnmp (github.com/gosnmp/gosnmp, Debian's
// golang-github-gosnmp-gosnmp-dev), for the interop tests in tests/interop/peers.sh: one SNMPv1
// trap, SNMPv2c/v3 trap or inform per run, with snmptrap-like options and varbinds. For an
// inform it prints what gosnmp returned (the Response's request-id, error status and varbinds),
// and (v1/v2c) the request-id of the InformRequest it wrote, read back from the bytes it sent.
// It does not retry (one try), and prints nothing it did not receive.
//
// Usage: send [-v 1|2c|3] [-c COMMUNITY] [-u USER -l LEVEL -a AUTH -A PASS -x PRIV -X PASS]
// [-e ENGINEID -boots N -time N] [-inform] [-t SECONDS] [-uptime TICKS] [-trapoid OID]
// [-enterprise OID -agent ADDR -generic N -specific N] HOST:PORT [OID TYPE VALUE]...
// (TYPE as snmptrap's: i u c C s x a o t n; AUTH and PRIV in createUser's spellings).
// A v3 trap needs -e (we are its authoritative engine); a v3 inform discovers the receiver's.
package main

import (
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/gosnmp/gosnmp"
)

// recConn keeps the last datagram gosnmp wrote, to read the request-id it sent.
type recConn struct {
	net.Conn
	last []byte
}

func (c *recConn) Write(b []byte) (int, error) {
	c.last = append(c.last[:0], b...)
	return c.Conn.Write(b)
}

func die(format string, a ...interface{}) {
	fmt.Fprintf(os.Stderr, "send: "+format+"\n", a...)
	os.Exit(2)
}

var auths = map[string]gosnmp.SnmpV3AuthProtocol{
	"MD5": gosnmp.MD5, "SHA": gosnmp.SHA, "SHA-224": gosnmp.SHA224, "SHA-256": gosnmp.SHA256,
	"SHA-384": gosnmp.SHA384, "SHA-512": gosnmp.SHA512,
}

// the spellings of tinytrapd's createUser; gosnmp's AES192/AES256 extend the key as Blumenthal,
// AES192C/AES256C as Reeder
var privs = map[string]gosnmp.SnmpV3PrivProtocol{
	"DES": gosnmp.DES, "AES": gosnmp.AES, "AES-192": gosnmp.AES192, "AES-256": gosnmp.AES256,
	"AES-192-C": gosnmp.AES192C, "AES-256-C": gosnmp.AES256C,
}

func varbind(oid, typ, val string) gosnmp.SnmpPDU {
	num := func(bits int) uint64 {
		v, err := strconv.ParseUint(val, 10, bits)
		if err != nil {
			die("varbind %s: %v", oid, err)
		}
		return v
	}
	switch typ {
	case "i":
		v, err := strconv.ParseInt(val, 10, 32)
		if err != nil {
			die("varbind %s: %v", oid, err)
		}
		return gosnmp.SnmpPDU{Name: oid, Type: gosnmp.Integer, Value: int(v)}
	case "u":
		return gosnmp.SnmpPDU{Name: oid, Type: gosnmp.Gauge32, Value: uint32(num(32))}
	case "c":
		return gosnmp.SnmpPDU{Name: oid, Type: gosnmp.Counter32, Value: uint32(num(32))}
	case "C":
		return gosnmp.SnmpPDU{Name: oid, Type: gosnmp.Counter64, Value: num(64)}
	case "t":
		return gosnmp.SnmpPDU{Name: oid, Type: gosnmp.TimeTicks, Value: uint32(num(32))}
	case "s":
		return gosnmp.SnmpPDU{Name: oid, Type: gosnmp.OctetString, Value: []byte(val)}
	case "x":
		b, err := hex.DecodeString(strings.ReplaceAll(val, " ", ""))
		if err != nil {
			die("varbind %s: %v", oid, err)
		}
		return gosnmp.SnmpPDU{Name: oid, Type: gosnmp.OctetString, Value: b}
	case "a":
		return gosnmp.SnmpPDU{Name: oid, Type: gosnmp.IPAddress, Value: val}
	case "o":
		return gosnmp.SnmpPDU{Name: oid, Type: gosnmp.ObjectIdentifier, Value: val}
	case "n":
		return gosnmp.SnmpPDU{Name: oid, Type: gosnmp.Null, Value: nil}
	}
	die("varbind %s: unknown type %q", oid, typ)
	return gosnmp.SnmpPDU{}
}

func pduName(t gosnmp.PDUType) string {
	switch t {
	case gosnmp.InformRequest:
		return "InformRequest"
	case gosnmp.GetResponse:
		return "Response"
	case gosnmp.Report:
		return "Report"
	}
	return fmt.Sprintf("PDU-0x%02x", byte(t))
}

func show(v gosnmp.SnmpPDU) string {
	switch b := v.Value.(type) {
	case []byte:
		return fmt.Sprintf("%s %s %q", v.Name, v.Type, string(b))
	}
	return fmt.Sprintf("%s %s %v", v.Name, v.Type, v.Value)
}

func main() {
	version := flag.String("v", "2c", "1, 2c or 3")
	community := flag.String("c", "public", "community (v1, v2c)")
	user := flag.String("u", "", "v3 user name")
	level := flag.String("l", "authPriv", "noAuthNoPriv, authNoPriv or authPriv")
	auth := flag.String("a", "SHA", "MD5, SHA, SHA-224, SHA-256, SHA-384, SHA-512")
	authPass := flag.String("A", "", "auth pass phrase")
	priv := flag.String("x", "AES", "DES, AES, AES-192, AES-256, AES-192-C, AES-256-C")
	privPass := flag.String("X", "", "privacy pass phrase")
	engine := flag.String("e", "", "v3 trap: the sender's (authoritative) engine ID, hex")
	boots := flag.Uint("boots", 1, "v3 trap: engineBoots")
	etime := flag.Uint("time", 100, "v3 trap: engineTime")
	inform := flag.Bool("inform", false, "send an InformRequest and wait for its Response")
	timeout := flag.Float64("t", 2, "inform timeout, seconds")
	uptime := flag.Uint("uptime", 0, "sysUpTime.0 (v2c/v3) or time-stamp (v1), ticks")
	trapOID := flag.String("trapoid", "1.3.6.1.4.1.8072.2.3.0.1", "snmpTrapOID.0 (v2c/v3)")
	enterprise := flag.String("enterprise", "1.3.6.1.4.1.8072.2.3.1", "v1 enterprise")
	agent := flag.String("agent", "127.0.0.1", "v1 agent-addr")
	generic := flag.Int("generic", 6, "v1 generic-trap")
	specific := flag.Int("specific", 1, "v1 specific-trap")
	flag.Parse()
	args := flag.Args()
	if len(args) < 1 || (len(args)-1)%3 != 0 {
		die("usage: send [options] HOST:PORT [OID TYPE VALUE]...")
	}
	host, portText, err := net.SplitHostPort(args[0])
	if err != nil {
		die("%s: %v", args[0], err)
	}
	port, err := strconv.ParseUint(portText, 10, 16)
	if err != nil {
		die("%s: %v", args[0], err)
	}

	g := &gosnmp.GoSNMP{Target: host, Port: uint16(port), Community: *community,
		Timeout: time.Duration(*timeout * float64(time.Second)), Retries: 0, MaxOids: 60}
	switch *version {
	case "1":
		g.Version = gosnmp.Version1
	case "2c":
		g.Version = gosnmp.Version2c
	case "3":
		g.Version = gosnmp.Version3
		g.SecurityModel = gosnmp.UserSecurityModel
		sp := &gosnmp.UsmSecurityParameters{UserName: *user}
		switch *level {
		case "noAuthNoPriv":
			g.MsgFlags = gosnmp.NoAuthNoPriv
		case "authNoPriv", "authPriv":
			a, ok := auths[*auth]
			if !ok {
				die("unknown auth protocol %s", *auth)
			}
			sp.AuthenticationProtocol, sp.AuthenticationPassphrase = a, *authPass
			g.MsgFlags = gosnmp.AuthNoPriv
			if *level == "authPriv" {
				p, ok := privs[*priv]
				if !ok {
					die("unknown privacy protocol %s", *priv)
				}
				sp.PrivacyProtocol, sp.PrivacyPassphrase = p, *privPass
				g.MsgFlags = gosnmp.AuthPriv
			}
		default:
			die("unknown level %s", *level)
		}
		if *engine != "" {
			id, err := hex.DecodeString(strings.TrimPrefix(*engine, "0x"))
			if err != nil {
				die("-e %s: %v", *engine, err)
			}
			sp.AuthoritativeEngineID = string(id)
			sp.AuthoritativeEngineBoots = uint32(*boots)
			sp.AuthoritativeEngineTime = uint32(*etime)
		}
		g.SecurityParameters = sp
	default:
		die("unknown version %s", *version)
	}

	var vbs []gosnmp.SnmpPDU
	if g.Version != gosnmp.Version1 {
		vbs = append(vbs, gosnmp.SnmpPDU{Name: ".1.3.6.1.2.1.1.3.0", Type: gosnmp.TimeTicks, Value: uint32(*uptime)},
			gosnmp.SnmpPDU{Name: ".1.3.6.1.6.3.1.1.4.1.0", Type: gosnmp.ObjectIdentifier, Value: *trapOID})
	}
	for i := 1; i+2 < len(args); i += 3 {
		vbs = append(vbs, varbind(args[i], args[i+1], args[i+2]))
	}

	if err := g.Connect(); err != nil {
		die("connect: %v", err)
	}
	rc := &recConn{Conn: g.Conn}
	g.Conn = rc
	defer rc.Close()

	trap := gosnmp.SnmpTrap{Variables: vbs, IsInform: *inform, Enterprise: *enterprise,
		AgentAddress: *agent, GenericTrap: *generic, SpecificTrap: *specific, Timestamp: *uptime}
	res, err := g.SendTrap(trap)
	if err != nil {
		fmt.Printf("ERROR %v\n", err)
		os.Exit(1)
	}
	if !*inform {
		fmt.Println("SENT")
		return
	}
	if res == nil {
		fmt.Println("ERROR no Response")
		os.Exit(1)
	}
	if g.Version != gosnmp.Version3 {
		if sent, err := g.SnmpDecodePacket(rc.last); err == nil {
			fmt.Printf("sent %s request-id %d\n", pduName(sent.PDUType), sent.RequestID)
		} else {
			fmt.Printf("sent (undecodable: %v)\n", err)
		}
	}
	fmt.Printf("received %s request-id %d error-status %d error-index %d\n",
		pduName(res.PDUType), res.RequestID, res.Error, res.ErrorIndex)
	for _, v := range res.Variables {
		fmt.Printf("vb %s\n", show(v))
	}
	if res.PDUType != gosnmp.GetResponse || res.Error != gosnmp.NoError {
		os.Exit(1)
	}
}
