package io.ngi.testing;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;

/**
 * A test handler that records its calls as text, for asserting order.
 */
class RecordingHandler implements ConnectionHandler {

	final List<String> events = new ArrayList<>();

	@Override
	public void handleInput(Connection connection, byte[] data) throws Exception {
		this.events.add("input " + new String(data, StandardCharsets.ISO_8859_1));
	}

	@Override
	public void handleClose(Connection connection, String reason) {
		this.events.add("close " + reason);
	}

	@Override
	public void handleException(Connection connection, Exception exception) throws Exception {
		this.events.add("exception " + exception.getMessage());
	}

}
