package io.ngi.benchmarks;

import java.util.List;

import javax.net.ssl.SSLContext;

/**
 * The load client's TLS settings.
 *
 * @param context trusts the test CA ({@link BenchTls#client()})
 * @param cipherSuites the only cipher suites the client offers ({@code --tls-ciphers}),
 * empty for the JDK's defaults (then each server picks by its own preference)
 */
record ClientTls(SSLContext context, List<String> cipherSuites) {

}
