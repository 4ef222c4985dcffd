package io.ngi.spring.boot.test.sample;

import java.nio.charset.StandardCharsets;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.spring.annotation.NgiServer;

/**
 * Answers each input, a name, with the {@link Greeter}'s greeting.
 */
@NgiServer(name = "greet", address = "127.0.0.1:0")
public class GreetingServer implements ConnectionHandler {

	private final Greeter greeter;

	public GreetingServer(Greeter greeter) {
		this.greeter = greeter;
	}

	@Override
	public void handleInput(Connection connection, byte[] data) {
		connection.write(this.greeter.greeting(new String(data, StandardCharsets.UTF_8).strip()) + "\n");
	}

}
