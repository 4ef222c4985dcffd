package io.ngi.spring.boot.test.sample;

import io.ngi.Connection;
import io.ngi.Server;
import io.ngi.spring.annotation.NgiServer;

/**
 * A {@link Server} bean that hands every connection to the {@link ShoutingHandler}.
 */
@NgiServer(name = "shout", address = "127.0.0.1:0")
public class ShoutServer implements Server {

	private final ShoutingHandler handler;

	public ShoutServer(ShoutingHandler handler) {
		this.handler = handler;
	}

	@Override
	public void connected(Connection connection) {
		connection.setHandler(this.handler);
	}

}
