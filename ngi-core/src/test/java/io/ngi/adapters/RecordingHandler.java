package io.ngi.adapters;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;

/**
 * An application handler that records its events, with the connection it was given.
 */
final class RecordingHandler implements ConnectionHandler {

	final List<String> events = new ArrayList<>();

	final List<Connection> connections = new ArrayList<>();

	@Override
	public void handleInput(Connection connection, byte[] data) {
		this.connections.add(connection);
		this.events.add("input " + new String(data, StandardCharsets.ISO_8859_1));
	}

	@Override
	public void handleClose(Connection connection, String reason) {
		this.connections.add(connection);
		this.events.add("close " + reason);
	}

	@Override
	public void handleException(Connection connection, Exception exception) {
		this.connections.add(connection);
		this.events.add("exception " + exception.getMessage());
	}

}
