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
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Finds a command by the name a request gives, in any letter case, without making a
 * string: the candidates are grouped by name length and compared byte by byte.
 */
final class CommandTable {

	private final List<Command> commands;

	private final byte[][][] names;

	private final Command[][] byLength;

	CommandTable(List<Command> commands) {
		this.commands = List.copyOf(commands);
		int longest = 0;
		for (Command command : commands) {
			longest = Math.max(longest, command.matchName().length());
		}
		List<List<Command>> groups = new ArrayList<>();
		for (int i = 0; i <= longest; i++) {
			groups.add(new ArrayList<>());
		}
		for (Command command : commands) {
			groups.get(command.matchName().length()).add(command);
		}
		this.byLength = new Command[longest + 1][];
		this.names = new byte[longest + 1][][];
		for (int i = 0; i <= longest; i++) {
			List<Command> group = groups.get(i);
			this.byLength[i] = group.toArray(new Command[0]);
			this.names[i] = new byte[group.size()][];
			for (int j = 0; j < group.size(); j++) {
				this.names[i][j] = group.get(j).matchName().getBytes(StandardCharsets.US_ASCII);
			}
		}
	}

	/**
	 * Returns the command a request names.
	 * @param name the request's first argument (or second, for a subcommand)
	 * @return the command, or {@code null} if there is none of that name
	 */
	@Nullable Command find(byte[] name) {
		if (name.length >= this.byLength.length) {
			return null;
		}
		byte[][] candidates = this.names[name.length];
		for (int i = 0; i < candidates.length; i++) {
			if (equalsUpperCase(name, candidates[i])) {
				return this.byLength[name.length][i];
			}
		}
		return null;
	}

	/**
	 * Returns every command, in the order given.
	 * @return the commands
	 */
	List<Command> all() {
		return this.commands;
	}

	/**
	 * Returns whether {@code bytes}, with ASCII letters upper-cased, equal {@code upper}.
	 * @param bytes the bytes to compare
	 * @param upper an upper-case ASCII name
	 * @return whether they match
	 */
	static boolean equalsUpperCase(byte[] bytes, byte[] upper) {
		if (bytes.length != upper.length) {
			return false;
		}
		for (int i = 0; i < bytes.length; i++) {
			int b = bytes[i];
			if (b >= 'a' && b <= 'z') {
				b -= 32;
			}
			if (b != upper[i]) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Returns whether an argument is a keyword, in any letter case.
	 * @param argument the argument
	 * @param upper the keyword in upper case
	 * @return whether they match
	 */
	static boolean is(byte[] argument, String upper) {
		if (argument.length != upper.length()) {
			return false;
		}
		for (int i = 0; i < argument.length; i++) {
			int b = argument[i];
			if (b >= 'a' && b <= 'z') {
				b -= 32;
			}
			if (b != upper.charAt(i)) {
				return false;
			}
		}
		return true;
	}

}
