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

import java.util.List;
import java.util.Locale;

/**
 * A command the store answers, with what {@code COMMAND INFO} and {@code COMMAND DOCS}
 * report about it.
 *
 * @param name the name as Redis reports it: lower case, {@code container|sub} for a
 * subcommand
 * @param arity Redis's arity: the exact argument count (the name included), or minus the
 * least count for commands that take more
 * @param flags Redis's command flags ({@code write}, {@code readonly}, {@code fast}...)
 * @param firstKey the index of the first key argument, 0 for none
 * @param lastKey the index of the last key argument, -1 for the last argument
 * @param step the distance between key arguments
 * @param categories the ACL categories ({@code @read}...)
 * @param summary a one-line description for {@code COMMAND DOCS}
 * @param group the command group ({@code string}, {@code generic}...)
 * @param locksStore whether it runs under the store's lock
 * @param action what it does
 * @param subcommands the subcommands of a container command ({@code CONFIG GET})
 */
record Command(String name, int arity, List<String> flags, int firstKey, int lastKey, int step, List<String> categories,
		String summary, String group, boolean locksStore, Action action, List<Command> subcommands) {

	/**
	 * Defines a command that runs under the store's lock and has no subcommands.
	 * @param name the lower-case name
	 * @param arity Redis's arity
	 * @param flags the flags, separated by spaces
	 * @param keys first key, last key, step
	 * @param categories the ACL categories, separated by spaces
	 * @param group the command group
	 * @param summary the one-line description
	 * @param action what it does
	 * @return the command
	 */
	static Command define(String name, int arity, String flags, int[] keys, String categories, String group,
			String summary, Action action) {
		return new Command(name, arity, words(flags), keys[0], keys[1], keys[2], words(categories), summary, group,
				true, action, List.of());
	}

	/**
	 * Returns this command running without the store's lock (it does not touch the
	 * store).
	 * @return the command
	 */
	Command withoutLock() {
		return new Command(this.name, this.arity, this.flags, this.firstKey, this.lastKey, this.step, this.categories,
				this.summary, this.group, false, this.action, this.subcommands);
	}

	/**
	 * Returns this command with subcommands.
	 * @param subcommands the subcommands, named {@code container|sub}
	 * @return the command
	 */
	Command withSubcommands(List<Command> subcommands) {
		return new Command(this.name, this.arity, this.flags, this.firstKey, this.lastKey, this.step, this.categories,
				this.summary, this.group, this.locksStore, this.action, List.copyOf(subcommands));
	}

	private static List<String> words(String text) {
		return text.isEmpty() ? List.of() : List.of(text.split(" "));
	}

	/**
	 * Returns whether {@code argc} arguments (the name included) suit the arity.
	 * @param argc the argument count
	 * @return whether it is right
	 */
	boolean accepts(int argc) {
		return (this.arity >= 0) ? argc == this.arity : argc >= -this.arity;
	}

	/**
	 * Returns the upper-case name matched against requests: the part after {@code |} for
	 * a subcommand.
	 * @return the name to match
	 */
	String matchName() {
		int bar = this.name.indexOf('|');
		return this.name.substring(bar + 1).toUpperCase(Locale.ROOT);
	}

	/**
	 * What a command does: reads its arguments, changes the store, appends its reply.
	 */
	@FunctionalInterface
	interface Action {

		/**
		 * Runs the command, under the store's lock if {@link Command#locksStore()}.
		 * @param argv the arguments, the name first
		 * @param argc how many of {@code argv} are set
		 * @param replies where the reply goes
		 * @return {@code true} to close the connection after the reply ({@code QUIT})
		 */
		boolean run(byte[][] argv, int argc, Replies replies);

	}

}
