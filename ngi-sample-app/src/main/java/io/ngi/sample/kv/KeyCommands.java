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
import java.util.List;

import static io.ngi.sample.kv.CommandTable.is;

/**
 * The commands on keys whatever their value: {@code DEL}, {@code EXISTS},
 * {@code EXPIRE}/{@code PEXPIRE} (with {@code NX}, {@code XX}, {@code GT}, {@code LT})
 * and {@code TTL}/{@code PTTL}, with Redis 7's replies and errors. Each runs under the
 * store's lock.
 */
final class KeyCommands {

	private static final int NX = 1;

	private static final int XX = 1 << 1;

	private static final int GT = 1 << 2;

	private static final int LT = 1 << 3;

	private static final int[] ONE_KEY = { 1, 1, 1 };

	private static final int[] ALL_KEYS = { 1, -1, 1 };

	private final KvStore store;

	KeyCommands(KvStore store) {
		this.store = store;
	}

	List<Command> commands() {
		return List.of(
				Command.define("del", -2, "write", ALL_KEYS, "@keyspace @write @slow", "generic",
						"Deletes one or more keys.", this::del),
				Command.define("exists", -2, "readonly fast", ALL_KEYS, "@keyspace @read @fast", "generic",
						"Determines whether one or more keys exist.", this::exists),
				Command.define("expire", -3, "write fast", ONE_KEY, "@keyspace @write @fast", "generic",
						"Sets the expiration time of a key in seconds.",
						(argv, argc, out) -> expire(argv, argc, out, 1000, "expire")),
				Command.define("pexpire", -3, "write fast", ONE_KEY, "@keyspace @write @fast", "generic",
						"Sets the expiration time of a key in milliseconds.",
						(argv, argc, out) -> expire(argv, argc, out, 1, "pexpire")),
				Command.define("ttl", 2, "readonly fast", ONE_KEY, "@keyspace @read @fast", "generic",
						"Returns the expiration time in seconds of a key.",
						(argv, argc, out) -> ttl(argv[1], false, out)),
				Command.define("pttl", 2, "readonly fast", ONE_KEY, "@keyspace @read @fast", "generic",
						"Returns the expiration time in milliseconds of a key.",
						(argv, argc, out) -> ttl(argv[1], true, out)));
	}

	private boolean del(byte[][] argv, int argc, Replies out) {
		long now = this.store.now();
		int removed = 0;
		for (int i = 1; i < argc; i++) {
			Key key = new Key(argv[i]);
			if (this.store.lookup(key, now) != null && this.store.remove(key)) {
				removed++;
			}
		}
		out.integer(removed);
		return false;
	}

	private boolean exists(byte[][] argv, int argc, Replies out) {
		long now = this.store.now();
		int found = 0;
		for (int i = 1; i < argc; i++) {
			if (this.store.lookup(new Key(argv[i]), now) != null) {
				found++;
			}
		}
		out.integer(found);
		return false;
	}

	private boolean expire(byte[][] argv, int argc, Replies out, long unit, String name) {
		int flags = 0;
		for (int j = 3; j < argc; j++) {
			if (is(argv[j], "NX")) {
				flags |= NX;
			}
			else if (is(argv[j], "XX")) {
				flags |= XX;
			}
			else if (is(argv[j], "GT")) {
				flags |= GT;
			}
			else if (is(argv[j], "LT")) {
				flags |= LT;
			}
			else {
				out.error("ERR Unsupported option " + new String(argv[j], StandardCharsets.ISO_8859_1));
				return false;
			}
		}
		if ((flags & NX) != 0 && (flags & (XX | GT | LT)) != 0) {
			out.error("ERR NX and XX, GT or LT options at the same time are not compatible");
			return false;
		}
		if ((flags & GT) != 0 && (flags & LT) != 0) {
			out.error("ERR GT and LT options at the same time are not compatible");
			return false;
		}
		long when = RespNumbers.parse(argv[2]);
		if (!RespNumbers.isValid(when, argv[2])) {
			out.error(StringCommands.NOT_AN_INTEGER);
			return false;
		}
		if (when > Long.MAX_VALUE / unit || when < Long.MIN_VALUE / unit) {
			out.error(StringCommands.invalidExpireTime(name));
			return false;
		}
		when *= unit;
		long now = this.store.now();
		if (when > Long.MAX_VALUE - now) {
			out.error(StringCommands.invalidExpireTime(name));
			return false;
		}
		when += now;
		Key key = new Key(argv[1]);
		Entry entry = this.store.lookup(key, now);
		if (entry == null) {
			out.integer(0);
			return false;
		}
		long current = entry.expiresAt;
		boolean persistent = current == Entry.PERSISTENT;
		if (((flags & NX) != 0 && !persistent) || ((flags & XX) != 0 && persistent)
				|| ((flags & GT) != 0 && (persistent || when <= current))
				|| ((flags & LT) != 0 && !persistent && when >= current)) {
			out.integer(0);
			return false;
		}
		if (when <= now) {
			this.store.remove(key);
		}
		else {
			this.store.expire(key, entry, when);
		}
		out.integer(1);
		return false;
	}

	private boolean ttl(byte[] keyBytes, boolean milliseconds, Replies out) {
		long now = this.store.now();
		Entry entry = this.store.lookup(new Key(keyBytes), now);
		if (entry == null) {
			out.integer(-2);
		}
		else if (entry.expiresAt == Entry.PERSISTENT) {
			out.integer(-1);
		}
		else {
			long left = Math.max(0, entry.expiresAt - now);
			out.integer(milliseconds ? left : (left + 500) / 1000);
		}
		return false;
	}

}
