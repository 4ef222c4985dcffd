package io.ngi.spring.boot.test.sample;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

import io.ngi.UdpHandler;
import io.ngi.spring.annotation.NgiUdpHandler;

/**
 * Hands each datagram, as text, to the {@link DatagramSink}.
 */
@NgiUdpHandler(name = "log", address = "127.0.0.1:0")
public class DatagramLog implements UdpHandler {

	private final DatagramSink sink;

	public DatagramLog(DatagramSink sink) {
		this.sink = sink;
	}

	@Override
	public void handle(SocketAddress source, byte[] message) {
		this.sink.accept(source.toString(), new String(message, StandardCharsets.UTF_8));
	}

}
