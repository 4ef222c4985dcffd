package io.ngi.sample.kv;

import io.ngi.Connection;
import io.ngi.Server;

/**
 * The {@code kv} listener's server: gives each accepted connection a {@link KvSession}
 * over the one shared store.
 */
final class KvServer implements Server {

	private final KvCommands commands;

	private final RespLimits limits;

	KvServer(KvCommands commands, RespLimits limits) {
		this.commands = commands;
		this.limits = limits;
	}

	@Override
	public void connected(Connection connection) {
		connection.setHandler(new KvSession(this.commands, this.limits));
	}

}
