package io.ngi.spring.boot.test.sample;

import java.nio.charset.StandardCharsets;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.spring.annotation.NgiServer;

/**
 * A handler with a bug: it throws on every input.
 */
@NgiServer(name = "failing", address = "127.0.0.1:0")
public class FailingServer implements ConnectionHandler {

	@Override
	public void handleInput(Connection connection, byte[] data) {
		throw new IllegalStateException("cannot handle " + new String(data, StandardCharsets.UTF_8));
	}

}
