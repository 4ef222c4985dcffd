/*
 * Copyright 2026-present the original author or authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package io.ngi.sample.kv;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

/**
 * The connection and server commands: {@code PING}, {@code ECHO}, {@code QUIT},
 * {@code DBSIZE}, {@code FLUSHALL}, {@code COMMAND} ({@code COUNT}, {@code INFO},
 * {@code DOCS}, {@code LIST}) and {@code CONFIG GET}, answered as Redis 7 answers them,
 * so that {@code redis-cli} and {@code redis-benchmark} work.
 */
final class ServerCommands {

	private static final int[] NO_KEYS = { 0, 0, 0 };

	private final KvStore store;

	private final Map<String, String> config;

	private final Supplier<CommandTable> table;

	/**
	 * Makes the commands.
	 * @param store the store
	 * @param config what {@code CONFIG GET} reports, by parameter name
	 * @param table every command, for {@code COMMAND}
	 */
	ServerCommands(KvStore store, Map<String, String> config, Supplier<CommandTable> table) {
		this.store = store;
		this.config = new LinkedHashMap<>(config);
		this.table = table;
	}

	List<Command> commands() {
		List<Command> commandSubcommands = List.of(Command.define("command|count", 2, "loading stale", NO_KEYS,
				"@slow @connection", "server", "Returns a count of commands.", (argv, argc, out) -> {
					out.integer(this.table.get().all().size());
					return false;
				})
			.withoutLock(),
				Command
					.define("command|info", -2, "loading stale", NO_KEYS, "@slow @connection", "server",
							"Returns information about one, multiple or all commands.", this::commandInfo)
					.withoutLock(),
				Command
					.define("command|docs", -2, "loading stale", NO_KEYS, "@slow @connection", "server",
							"Returns documentary information about one, multiple or all commands.", this::commandDocs)
					.withoutLock(),
				Command
					.define("command|list", -2, "loading stale", NO_KEYS, "@slow @connection", "server",
							"Returns a list of command names.", this::commandList)
					.withoutLock());
		List<Command> configSubcommands = List.of(
				Command
					.define("config|get", -3, "admin noscript loading stale", NO_KEYS, "@admin @slow @dangerous",
							"server", "Returns the effective values of configuration parameters.", this::configGet)
					.withoutLock());
		return List.of(
				Command
					.define("ping", -1, "fast", NO_KEYS, "@fast @connection", "connection",
							"Returns the server's liveliness response.", this::ping)
					.withoutLock(),
				Command.define("echo", 2, "fast", NO_KEYS, "@fast @connection", "connection",
						"Returns the given string.", (argv, argc, out) -> {
							out.bulk(argv[1]);
							return false;
						})
					.withoutLock(),
				Command.define("quit", -1, "noscript loading stale fast no_auth allow_busy", NO_KEYS,
						"@fast @connection", "connection", "Closes the connection.", (argv, argc, out) -> {
							out.raw(Replies.OK);
							return true;
						})
					.withoutLock(),
				Command.define("dbsize", 1, "readonly fast", NO_KEYS, "@keyspace @read @fast", "server",
						"Returns the number of keys in the database.", (argv, argc, out) -> {
							out.integer(this.store.size());
							return false;
						}),
				Command.define("flushall", -1, "write", NO_KEYS, "@keyspace @write @slow @dangerous", "server",
						"Removes all keys from all databases.", this::flushall),
				Command.define("command", -1, "loading stale", NO_KEYS, "@slow @connection", "server",
						"Returns detailed information about all commands.", (argv, argc, out) -> {
							List<Command> all = this.table.get().all();
							out.array(all.size());
							all.forEach((command) -> info(command, out));
							return false;
						})
					.withoutLock()
					.withSubcommands(commandSubcommands),
				Command
					.define("config", -2, "", NO_KEYS, "@slow", "server",
							"A container for server configuration commands.", (argv, argc, out) -> false)
					.withoutLock()
					.withSubcommands(configSubcommands));
	}

	private boolean ping(byte[][] argv, int argc, Replies out) {
		if (argc > 2) {
			out.error(KvCommands.wrongArity("ping"));
		}
		else if (argc == 2) {
			out.bulk(argv[1]);
		}
		else {
			out.raw(Replies.PONG);
		}
		return false;
	}

	private boolean flushall(byte[][] argv, int argc, Replies out) {
		if (argc > 2 || (argc == 2 && !CommandTable.is(argv[1], "ASYNC") && !CommandTable.is(argv[1], "SYNC"))) {
			out.error(StringCommands.SYNTAX_ERROR);
			return false;
		}
		this.store.clear();
		out.raw(Replies.OK);
		return false;
	}

	private boolean commandInfo(byte[][] argv, int argc, Replies out) {
		if (argc == 2) {
			List<Command> all = this.table.get().all();
			out.array(all.size());
			all.forEach((command) -> info(command, out));
			return false;
		}
		out.array(argc - 2);
		for (int i = 2; i < argc; i++) {
			Command command = find(argv[i]);
			if (command == null) {
				out.raw(Replies.NULL_BULK);
			}
			else {
				info(command, out);
			}
		}
		return false;
	}

	private boolean commandDocs(byte[][] argv, int argc, Replies out) {
		List<Command> selected = new ArrayList<>();
		if (argc == 2) {
			selected.addAll(this.table.get().all());
		}
		for (int i = 2; i < argc; i++) {
			Command command = find(argv[i]);
			if (command != null) {
				selected.add(command);
			}
		}
		out.array(selected.size() * 2);
		for (Command command : selected) {
			out.bulk(command.name());
			docs(command, out);
		}
		return false;
	}

	private boolean commandList(byte[][] argv, int argc, Replies out) {
		if (argc > 2) {
			out.error(StringCommands.SYNTAX_ERROR);
			return false;
		}
		List<Command> all = this.table.get().all();
		out.array(all.size());
		all.forEach((command) -> out.bulk(command.name()));
		return false;
	}

	private boolean configGet(byte[][] argv, int argc, Replies out) {
		List<Map.Entry<String, String>> matches = new ArrayList<>();
		for (Map.Entry<String, String> parameter : this.config.entrySet()) {
			for (int i = 2; i < argc; i++) {
				if (Glob.matches(argv[i], parameter.getKey())) {
					matches.add(parameter);
					break;
				}
			}
		}
		out.array(matches.size() * 2);
		for (Map.Entry<String, String> match : matches) {
			out.bulk(match.getKey());
			out.bulk(match.getValue());
		}
		return false;
	}

	private @Nullable Command find(byte[] name) {
		String wanted = new String(name, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
		for (Command command : this.table.get().all()) {
			if (command.name().equals(wanted)) {
				return command;
			}
			for (Command subcommand : command.subcommands()) {
				if (subcommand.name().equals(wanted)) {
					return subcommand;
				}
			}
		}
		return null;
	}

	/** Redis 7's ten-element command information. */
	private static void info(Command command, Replies out) {
		out.array(10);
		out.bulk(command.name());
		out.integer(command.arity());
		out.array(command.flags().size());
		command.flags().forEach(out::simple);
		out.integer(command.firstKey());
		out.integer(command.lastKey());
		out.integer(command.step());
		out.array(command.categories().size());
		command.categories().forEach(out::simple);
		out.array(0);
		out.array(0);
		out.array(command.subcommands().size());
		command.subcommands().forEach((subcommand) -> info(subcommand, out));
	}

	/** The documentation map of a command (a flat array in RESP2). */
	private static void docs(Command command, Replies out) {
		boolean hasSubcommands = !command.subcommands().isEmpty();
		out.array(hasSubcommands ? 10 : 8);
		out.bulk("summary");
		out.bulk(command.summary());
		out.bulk("since");
		out.bulk("1.0.0");
		out.bulk("group");
		out.bulk(command.group());
		out.bulk("complexity");
		out.bulk("O(1)");
		if (hasSubcommands) {
			out.bulk("subcommands");
			out.array(command.subcommands().size() * 2);
			for (Command subcommand : command.subcommands()) {
				out.bulk(subcommand.name());
				docs(subcommand, out);
			}
		}
	}

}
