package io.ngi.spring.boot.test.sample;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.spring.annotation.NgiServer;

/**
 * Writes back what it receives; its address can be configured with {@code echo.address}.
 */
@NgiServer(name = "echo", address = "${echo.address:127.0.0.1:0}")
public class EchoServer implements ConnectionHandler {

	@Override
	public void handleInput(Connection connection, byte[] data) {
		connection.write(data);
	}

}
