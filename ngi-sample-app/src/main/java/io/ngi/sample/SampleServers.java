package io.ngi.sample;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import io.ngi.Implementation;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.spring.annotation.NgiServer;
import io.ngi.spring.annotation.NgiUdpHandler;
import io.ngi.spring.boot.autoconfigure.NgiProperties;

/**
 * The sample's listeners, one {@code @NgiServer} or {@code @NgiUdpHandler} bean each.
 * Their addresses and limits come from {@code ngi.servers.<name>.*} in
 * {@code application.yml}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnBooleanProperty(name = "ngi.enabled", matchIfMissing = true)
class SampleServers {

	/**
	 * The most UDP senders whose counts are kept at once.
	 */
	static final int MAX_UDP_SENDERS = 10_000;

	@NgiServer(name = "echo")
	Server echo(NgiProperties properties) {
		return new UpperCaseEcho(toInt(properties.listener("echo", "").maxLineLength()));
	}

	/**
	 * The echo server again, over TLS: {@code ngi.servers.echo-tls.ssl.bundle} names the
	 * SSL bundle (a development certificate for localhost) in {@code application.yml}.
	 * The handler sees plaintext, as on the plain echo listener.
	 */
	@NgiServer(name = "echo-tls")
	Server echoTls(NgiProperties properties) {
		return new UpperCaseEcho(toInt(properties.listener("echo-tls", "").maxLineLength()));
	}

	@NgiServer(name = "wc")
	Server wc(NgiProperties properties) {
		return WordCount.server(toInt(properties.listener("wc", "").maxFrameLength()));
	}

	@NgiServer(name = "wc-sized")
	Server wcSized(NgiProperties properties) {
		return SizedWordCount.server(toInt(properties.listener("wc-sized", "").maxFrameLength()));
	}

	@NgiUdpHandler(name = "udp")
	UdpHandler udp(Implementation implementation) {
		return new DatagramCounter(implementation, MAX_UDP_SENDERS);
	}

	private static int toInt(DataSize size) {
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

}
