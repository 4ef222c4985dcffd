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
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs one request: finds its command (and subcommand), checks its arity, and runs it
 * under the store's lock, answering Redis's errors for unknown commands and wrong
 * argument counts. Shared by every connection of the listener; thread-safe.
 */
final class KvCommands {

	private final KvStore store;

	private final CommandTable table;

	/** The subcommands of each container command ({@code CONFIG}, {@code COMMAND}). */
	private final Map<Command, CommandTable> subcommands = new IdentityHashMap<>();

	/**
	 * Makes the command set of a store.
	 * @param store the store
	 * @param config what {@code CONFIG GET} reports
	 */
	KvCommands(KvStore store, Map<String, String> config) {
		this.store = store;
		List<Command> commands = new ArrayList<>();
		commands.addAll(new StringCommands(store).commands());
		commands.addAll(new KeyCommands(store).commands());
		CommandTable[] holder = new CommandTable[1];
		commands.addAll(new ServerCommands(store, config, () -> holder[0]).commands());
		this.table = new CommandTable(commands);
		holder[0] = this.table;
		for (Command command : commands) {
			if (!command.subcommands().isEmpty()) {
				this.subcommands.put(command, new CommandTable(command.subcommands()));
			}
		}
	}

	/**
	 * Runs a request and appends its reply.
	 * @param argv the arguments, the command name first
	 * @param argc how many are set, at least 1
	 * @param replies where the reply goes
	 * @return {@code true} if the connection is to be closed after the reply
	 */
	boolean execute(byte[][] argv, int argc, Replies replies) {
		Command command = this.table.find(argv[0]);
		if (command == null) {
			replies.error(unknownCommand(argv, argc));
			return false;
		}
		CommandTable containerTable = command.subcommands().isEmpty() ? null : this.subcommands.get(command);
		if (containerTable != null && argc >= 2) {
			Command subcommand = containerTable.find(argv[1]);
			if (subcommand == null) {
				replies.error("ERR unknown subcommand '" + cString(argv[1], 128) + "'. Try "
						+ command.name().toUpperCase(Locale.ROOT) + " HELP.");
				return false;
			}
			command = subcommand;
		}
		if (!command.accepts(argc)) {
			replies.error(wrongArity(command.name()));
			return false;
		}
		if (!command.locksStore()) {
			return command.action().run(argv, argc, replies);
		}
		synchronized (this.store) {
			return command.action().run(argv, argc, replies);
		}
	}

	/**
	 * Returns the commands, for {@code COMMAND} and tests.
	 * @return the table
	 */
	CommandTable table() {
		return this.table;
	}

	static String wrongArity(String name) {
		return "ERR wrong number of arguments for '" + name + "' command";
	}

	/**
	 * Redis 7's message for an unknown command: the name, then the arguments quoted while
	 * the list is shorter than 128 characters, each cut to what is left of them.
	 */
	static String unknownCommand(byte[][] argv, int argc) {
		StringBuilder arguments = new StringBuilder();
		for (int i = 1; i < argc && arguments.length() < 128; i++) {
			String argument = cString(argv[i], 128 - arguments.length());
			arguments.append('\'').append(argument).append("' ");
		}
		return "ERR unknown command '" + cString(argv[0], 128) + "', with args beginning with: " + arguments;
	}

	/**
	 * The bytes as Redis's {@code %.*s} prints them: up to the first NUL, at most
	 * {@code max} of them, one character per byte.
	 */
	private static String cString(byte[] bytes, int max) {
		int length = 0;
		while (length < bytes.length && length < max && bytes[length] != 0) {
			length++;
		}
		return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
	}

}
