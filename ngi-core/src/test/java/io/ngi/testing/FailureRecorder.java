package io.ngi.testing;

import java.util.List;

import io.ngi.ClientConnectHandler;
import io.ngi.Connection;

/**
 * A connect handler for tests that records failure reasons and closes successful
 * connections.
 */
class FailureRecorder implements ClientConnectHandler {

	private final List<String> failures;

	FailureRecorder(List<String> failures) {
		this.failures = failures;
	}

	@Override
	public void connected(Connection connection) {
		connection.close();
	}

	@Override
	public void failedConnect(String reason) {
		this.failures.add(reason);
	}

}
