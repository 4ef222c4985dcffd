package io.ngi;

/**
 * Whether a listener reads HAProxy's PROXY protocol header (v1, text, or v2, binary) at
 * the start of each connection, to learn the real client's address when it sits behind a
 * load balancer ({@link ListenOptions.Builder#proxyProtocol}).
 */
public enum ProxyProtocol {

	/** No header is read: the connection's bytes are the client's. */
	OFF,

	/**
	 * A header is read if a trusted proxy sends one; a connection without one, or from a
	 * source that is not trusted, is served as it is (its bytes are the client's).
	 */
	OPTIONAL,

	/**
	 * Every connection must come from a trusted proxy and start with a valid header;
	 * otherwise it is closed before any handler runs.
	 */
	REQUIRED

}
