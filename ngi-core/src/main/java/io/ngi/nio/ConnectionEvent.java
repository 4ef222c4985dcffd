package io.ngi.nio;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JDK Flight Recorder event {@code io.ngi.Connection}: one TCP connection's life,
 * committed when its socket closes. Disabled unless a recording enables it; when disabled
 * it costs a check per closed connection.
 */
@Name("io.ngi.Connection")
@Label("NGI Connection")
@Category({ "NGI" })
@Description("A TCP connection served by NGI, from accept or connect to close")
@StackTrace(false)
final class ConnectionEvent extends Event {

	@Label("Peer")
	String peer;

	@Label("Listener")
	@Description("The listener's address, empty for a client connection")
	String listener;

	@Label("Bytes In")
	@DataAmount
	long bytesIn;

	@Label("Bytes Out")
	@DataAmount
	long bytesOut;

	@Label("Close Reason")
	String closeReason;

	@Label("Close Kind")
	String closeKind;

	@Label("Lifetime")
	@Timespan(Timespan.NANOSECONDS)
	long lifetime;

	@Label("TLS Protocol")
	String tlsProtocol;

}
