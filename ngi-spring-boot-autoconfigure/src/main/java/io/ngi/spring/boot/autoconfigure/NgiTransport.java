package io.ngi.spring.boot.autoconfigure;

import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.util.Locale;

/**
 * The transport of a listener, as used in the {@code transport} metrics tag.
 */
public enum NgiTransport {

	/** TCP over IPv4 or IPv6. */
	TCP,

	/** UDP datagrams. */
	UDP,

	/** A Unix domain stream socket. */
	UNIX;

	/**
	 * Returns the lower-case tag value: {@code tcp}, {@code udp} or {@code unix}.
	 * @return the tag value
	 */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

	static NgiTransport ofStream(SocketAddress address) {
		return (address instanceof UnixDomainSocketAddress) ? UNIX : TCP;
	}

}
