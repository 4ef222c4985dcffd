package io.ngi;

/**
 * Whether a TLS listener asks its clients for a certificate.
 */
public enum ClientAuth {

	/** No client certificate is requested. */
	NONE,

	/**
	 * A certificate is requested; a client without one is accepted
	 * ({@link Connection#tlsSession()} then has no peer certificate), a client with one
	 * that is not trusted is refused.
	 */
	WANT,

	/** A trusted client certificate is required: a client without one is refused. */
	NEED

}
