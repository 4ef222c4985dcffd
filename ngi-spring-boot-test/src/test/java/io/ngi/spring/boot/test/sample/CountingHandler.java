package io.ngi.spring.boot.test.sample;

import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.context.annotation.Scope;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;
import io.ngi.spring.annotation.NgiServer;

/**
 * A prototype-scoped handler that counts the inputs it received: a fresh instance per
 * connection starts at one again.
 */
@NgiServer(name = "counter", address = "127.0.0.1:0")
@Scope(ConfigurableBeanFactory.SCOPE_PROTOTYPE)
public class CountingHandler implements ConnectionHandler {

	private int inputs;

	@Override
	public void handleInput(Connection connection, byte[] data) {
		this.inputs++;
		connection.write("input " + this.inputs + " of handler " + System.identityHashCode(this) + "\n");
	}

}
