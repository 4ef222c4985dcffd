package io.ngi.spring.boot.test.sample;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import org.springframework.stereotype.Component;

import io.ngi.Connection;
import io.ngi.ConnectionHandler;

/**
 * A handler component that is not a listener itself: {@link ShoutServer} sets it on its
 * connections. {@code @NgiTest} scans it as an NGI handler type even when {@code servers}
 * names only some servers.
 */
@Component
public class ShoutingHandler implements ConnectionHandler {

	@Override
	public void handleInput(Connection connection, byte[] data) {
		connection.write(new String(data, StandardCharsets.UTF_8).toUpperCase(Locale.ROOT));
	}

}
