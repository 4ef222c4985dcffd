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

import static io.ngi.sample.kv.CommandTable.is;

/**
 * The string commands: {@code GET}, {@code SET} (with {@code EX}, {@code PX},
 * {@code EXAT}, {@code PXAT}, {@code NX}, {@code XX}, {@code KEEPTTL}, {@code GET}),
 * {@code INCR}, {@code INCRBY}, {@code DECR}, {@code DECRBY}, {@code MGET} and
 * {@code MSET}, with Redis 7's replies and errors. Each runs under the store's lock.
 */
final class StringCommands {

	static final String SYNTAX_ERROR = "ERR syntax error";

	static final String NOT_AN_INTEGER = "ERR value is not an integer or out of range";

	private static final int NX = 1;

	private static final int XX = 1 << 1;

	private static final int GET = 1 << 2;

	private static final int KEEPTTL = 1 << 3;

	private static final int EX = 1 << 4;

	private static final int PX = 1 << 5;

	private static final int EXAT = 1 << 6;

	private static final int PXAT = 1 << 7;

	private static final int[] ONE_KEY = { 1, 1, 1 };

	private final KvStore store;

	StringCommands(KvStore store) {
		this.store = store;
	}

	List<Command> commands() {
		return List.of(
				Command.define("get", 2, "readonly fast", ONE_KEY, "@read @string @fast", "string",
						"Returns the string value of a key.", this::get),
				Command.define("set", -3, "write denyoom", ONE_KEY, "@write @string @slow", "string",
						"Sets the string value of a key, ignoring its type. The key is created if it doesn't exist.",
						this::set),
				Command.define("incr", 2, "write denyoom fast", ONE_KEY, "@write @string @fast", "string",
						"Increments the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.",
						(argv, argc, out) -> incrementBy(argv[1], 1, out)),
				Command.define("decr", 2, "write denyoom fast", ONE_KEY, "@write @string @fast", "string",
						"Decrements the integer value of a key by one. Uses 0 as initial value if the key doesn't exist.",
						(argv, argc, out) -> incrementBy(argv[1], -1, out)),
				Command.define("incrby", 3, "write denyoom fast", ONE_KEY, "@write @string @fast", "string",
						"Increments the integer value of a key by a number. Uses 0 as initial value if the key doesn't exist.",
						this::incrby),
				Command.define("decrby", 3, "write denyoom fast", ONE_KEY, "@write @string @fast", "string",
						"Decrements a number from the integer value of a key. Uses 0 as initial value if the key doesn't exist.",
						this::decrby),
				Command.define("mget", -2, "readonly fast", new int[] { 1, -1, 1 }, "@read @string @fast", "string",
						"Atomically returns the string values of one or more keys.", this::mget),
				Command.define("mset", -3, "write denyoom", new int[] { 1, -1, 2 }, "@write @string @slow", "string",
						"Atomically creates or modifies the string values of one or more keys.", this::mset));
	}

	private boolean get(byte[][] argv, int argc, Replies out) {
		Entry entry = this.store.lookup(new Key(argv[1]), this.store.now());
		out.bulkOrNull((entry != null) ? entry.value : null);
		return false;
	}

	private boolean set(byte[][] argv, int argc, Replies out) {
		int flags = 0;
		byte[] expire = null;
		for (int j = 3; j < argc; j++) {
			byte[] option = argv[j];
			boolean hasNext = j < argc - 1;
			if (is(option, "NX") && (flags & XX) == 0) {
				flags |= NX;
			}
			else if (is(option, "XX") && (flags & NX) == 0) {
				flags |= XX;
			}
			else if (is(option, "GET")) {
				flags |= GET;
			}
			else if (is(option, "KEEPTTL") && (flags & (EX | PX | EXAT | PXAT)) == 0) {
				flags |= KEEPTTL;
			}
			else if (hasNext && is(option, "EX") && (flags & (KEEPTTL | PX | EXAT | PXAT)) == 0) {
				flags |= EX;
				expire = argv[++j];
			}
			else if (hasNext && is(option, "PX") && (flags & (KEEPTTL | EX | EXAT | PXAT)) == 0) {
				flags |= PX;
				expire = argv[++j];
			}
			else if (hasNext && is(option, "EXAT") && (flags & (KEEPTTL | EX | PX | PXAT)) == 0) {
				flags |= EXAT;
				expire = argv[++j];
			}
			else if (hasNext && is(option, "PXAT") && (flags & (KEEPTTL | EX | PX | EXAT)) == 0) {
				flags |= PXAT;
				expire = argv[++j];
			}
			else {
				out.error(SYNTAX_ERROR);
				return false;
			}
		}
		long now = this.store.now();
		long expiresAt = Entry.PERSISTENT;
		if (expire != null) {
			long amount = RespNumbers.parse(expire);
			if (!RespNumbers.isValid(amount, expire)) {
				out.error(NOT_AN_INTEGER);
				return false;
			}
			boolean seconds = (flags & (EX | EXAT)) != 0;
			if (amount <= 0 || (seconds && amount > Long.MAX_VALUE / 1000)) {
				out.error(invalidExpireTime("set"));
				return false;
			}
			expiresAt = seconds ? amount * 1000 : amount;
			if ((flags & (EX | PX)) != 0) {
				// As Redis: a sum past the long range wraps and is refused.
				expiresAt += now;
			}
			if (expiresAt <= 0) {
				out.error(invalidExpireTime("set"));
				return false;
			}
		}
		Key key = new Key(argv[1]);
		Entry entry = this.store.lookup(key, now);
		if (((flags & NX) != 0 && entry != null) || ((flags & XX) != 0 && entry == null)) {
			if ((flags & GET) != 0) {
				out.bulkOrNull((entry != null) ? entry.value : null);
			}
			else {
				out.raw(Replies.NULL_BULK);
			}
			return false;
		}
		byte[] value = argv[2];
		String refused = (entry == null) ? this.store.admits(1, KvStore.cost(argv[1], value))
				: this.store.admits(0, (long) value.length - entry.value.length);
		if (refused != null) {
			out.error(refused);
			return false;
		}
		if ((flags & GET) != 0) {
			out.bulkOrNull((entry != null) ? entry.value : null);
		}
		if ((flags & KEEPTTL) != 0 && entry != null) {
			expiresAt = entry.expiresAt;
		}
		this.store.put(key, value, expiresAt);
		if ((flags & GET) == 0) {
			out.raw(Replies.OK);
		}
		return false;
	}

	private boolean incrby(byte[][] argv, int argc, Replies out) {
		long increment = RespNumbers.parse(argv[2]);
		if (!RespNumbers.isValid(increment, argv[2])) {
			out.error(NOT_AN_INTEGER);
			return false;
		}
		return incrementBy(argv[1], increment, out);
	}

	private boolean decrby(byte[][] argv, int argc, Replies out) {
		long decrement = RespNumbers.parse(argv[2]);
		if (!RespNumbers.isValid(decrement, argv[2])) {
			out.error(NOT_AN_INTEGER);
			return false;
		}
		if (decrement == Long.MIN_VALUE) {
			out.error("ERR decrement would overflow");
			return false;
		}
		return incrementBy(argv[1], -decrement, out);
	}

	private boolean incrementBy(byte[] keyBytes, long increment, Replies out) {
		Key key = new Key(keyBytes);
		Entry entry = this.store.lookup(key, this.store.now());
		long value = 0;
		if (entry != null) {
			value = RespNumbers.parse(entry.value);
			if (!RespNumbers.isValid(value, entry.value)) {
				out.error(NOT_AN_INTEGER);
				return false;
			}
		}
		if ((increment < 0 && value < 0 && increment < Long.MIN_VALUE - value)
				|| (increment > 0 && value > 0 && increment > Long.MAX_VALUE - value)) {
			out.error("ERR increment or decrement would overflow");
			return false;
		}
		long result = value + increment;
		byte[] text = RespNumbers.text(result);
		String refused = (entry == null) ? this.store.admits(1, KvStore.cost(keyBytes, text))
				: this.store.admits(0, (long) text.length - entry.value.length);
		if (refused != null) {
			out.error(refused);
			return false;
		}
		if (entry == null) {
			this.store.put(key, text, Entry.PERSISTENT);
		}
		else {
			this.store.replace(entry, text);
		}
		out.integer(result);
		return false;
	}

	private boolean mget(byte[][] argv, int argc, Replies out) {
		long now = this.store.now();
		out.array(argc - 1);
		for (int i = 1; i < argc; i++) {
			Entry entry = this.store.lookup(new Key(argv[i]), now);
			out.bulkOrNull((entry != null) ? entry.value : null);
		}
		return false;
	}

	private boolean mset(byte[][] argv, int argc, Replies out) {
		if (argc % 2 == 0) {
			out.error(KvCommands.wrongArity("mset"));
			return false;
		}
		long now = this.store.now();
		long keys = 0;
		long bytes = 0;
		for (int i = 1; i < argc; i += 2) {
			Entry entry = this.store.lookup(new Key(argv[i]), now);
			if (entry == null) {
				// A key given twice is counted twice: the check errs on the safe side.
				keys++;
				bytes += KvStore.cost(argv[i], argv[i + 1]);
			}
			else {
				bytes += (long) argv[i + 1].length - entry.value.length;
			}
		}
		String refused = this.store.admits(keys, bytes);
		if (refused != null) {
			out.error(refused);
			return false;
		}
		for (int i = 1; i < argc; i += 2) {
			this.store.put(new Key(argv[i]), argv[i + 1], Entry.PERSISTENT);
		}
		out.raw(Replies.OK);
		return false;
	}

	static String invalidExpireTime(String command) {
		return "ERR invalid expire time in '" + command + "' command";
	}

}
