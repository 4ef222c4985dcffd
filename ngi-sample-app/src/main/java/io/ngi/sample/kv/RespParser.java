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

import java.util.Arrays;

import org.jspecify.annotations.Nullable;

/**
 * An incremental parser of Redis requests, one per connection: RESP2 arrays of bulk
 * strings ({@code *2\r\n$3\r\nGET\r\n$1\r\nk\r\n}) and inline commands
 * ({@code GET k\r\n}, split with Redis's quoting rules). Input arrives in chunks of any
 * size; complete requests are parsed straight from the chunk, and only an incomplete tail
 * is copied into a buffer of the parser's own, so a pipelined read costs one array per
 * argument and nothing per byte.
 * <p>
 * It follows Redis 7's {@code processMultibulkBuffer} and {@code processInlineBuffer}:
 * arrays of zero or negative length ({@code *0}, {@code *-1}) are skipped without a
 * reply, the two bytes after a bulk string are skipped unchecked, and a count line ends
 * at its {@code \r}. Unlike Redis, a line over the limit is refused however the stream
 * was cut (Redis checks only while the line is incomplete), so the verdict never depends
 * on how the network split the input. Errors carry Redis's messages:
 *
 * <pre>
 * Protocol error: invalid multibulk length      *abc, *03, more than maxMultibulkLength
 * Protocol error: invalid bulk length           $-1, $1073741824 (over maxBulkLength)
 * Protocol error: expected '$', got ':'         an array element that is not a bulk string
 * Protocol error: too big mbulk count string    a '*' line with no \r within the line limit
 * Protocol error: too big bulk count string     a '$' line with no \r within the line limit
 * Protocol error: too big inline request        an inline line over maxInlineLength
 * Protocol error: unbalanced quotes in request  GET "k
 * Protocol error: too big request               bulk strings over maxRequestLength in all
 * </pre>
 *
 * Not thread-safe: a connection's handler calls are never concurrent.
 */
final class RespParser {

	/** {@link #next()}: a request is ready in {@link #argv()}. */
	static final int COMMAND = 1;

	/** {@link #next()}: the input ends inside a request; {@link #feed} more. */
	static final int NEED_MORE = 0;

	/** {@link #next()}: the input broke a rule; {@link #error()} says which. */
	static final int ERROR = -1;

	private static final byte[] EMPTY = new byte[0];

	/** {@link #lineEnd}: the line is not complete yet. */
	private static final int INCOMPLETE = -1;

	/** {@link #lineEnd}: the line is too long; the parser failed. */
	private static final int BROKEN = -2;

	private static final int MIN_BUFFER = 1024;

	private final RespLimits limits;

	/** The input: the caller's chunk, or this parser's own buffer when {@link #owned}. */
	private byte[] buffer = EMPTY;

	private int position;

	private int end;

	private boolean owned;

	private byte[][] argv = new byte[16][];

	private int argc;

	/** Whether {@link #argv} holds a request returned by the last {@link #next()}. */
	private boolean delivered;

	/** Bulk strings still to read in the current array; -1 outside an array. */
	private int remaining = -1;

	/**
	 * The length of the bulk string being read; -1 while its {@code $} line is awaited.
	 */
	private int bulkLength = -1;

	/** Bytes of bulk strings in the current request so far. */
	private long requestBytes;

	private byte[] token = new byte[64];

	private int tokenLength;

	private @Nullable String error;

	RespParser(RespLimits limits) {
		this.limits = limits;
	}

	/**
	 * Adds input. The parser reads the array without copying it while complete requests
	 * last, and does not keep it after {@link #next()} returned {@link #NEED_MORE}.
	 * @param data the bytes received
	 */
	void feed(byte[] data) {
		if (this.error != null || data.length == 0) {
			return;
		}
		if (this.position == this.end) {
			this.buffer = data;
			this.owned = false;
			this.position = 0;
			this.end = data.length;
			return;
		}
		int left = this.end - this.position;
		long needed = (long) left + data.length;
		if (needed > RespLimits.MAX_ARRAY) {
			// Unreachable within the limits (a request is refused long before).
			fail("Protocol error: too big request");
			return;
		}
		if (!this.owned || this.buffer.length < needed) {
			byte[] grown = new byte[capacityFor((int) needed)];
			System.arraycopy(this.buffer, this.position, grown, 0, left);
			this.buffer = grown;
			this.owned = true;
			this.position = 0;
			this.end = left;
		}
		else if (this.buffer.length - this.end < data.length) {
			System.arraycopy(this.buffer, this.position, this.buffer, 0, left);
			this.position = 0;
			this.end = left;
		}
		System.arraycopy(data, 0, this.buffer, this.end, data.length);
		this.end += data.length;
	}

	/**
	 * Parses the next request.
	 * @return {@link #COMMAND}, {@link #NEED_MORE} or {@link #ERROR}
	 */
	int next() {
		if (this.delivered) {
			Arrays.fill(this.argv, 0, this.argc, null);
			this.argc = 0;
			this.delivered = false;
		}
		if (this.error != null) {
			return ERROR;
		}
		while (true) {
			if (this.remaining < 0) {
				if (this.position == this.end) {
					return needMore();
				}
				int status = (this.buffer[this.position] == '*') ? arrayHeader() : inline();
				if (status != COMMAND) {
					return status;
				}
				if (this.argc > 0) {
					this.delivered = true;
					return COMMAND;
				}
				continue;
			}
			if (this.bulkLength < 0) {
				int status = bulkHeader();
				if (status != COMMAND) {
					return status;
				}
			}
			if (this.end - this.position < (long) this.bulkLength + 2) {
				return needMore();
			}
			addArgument(Arrays.copyOfRange(this.buffer, this.position, this.position + this.bulkLength));
			// Redis skips the two bytes after a bulk string without looking at them.
			this.position += this.bulkLength + 2;
			this.bulkLength = -1;
			if (--this.remaining == 0) {
				this.remaining = -1;
				this.delivered = true;
				return COMMAND;
			}
		}
	}

	/**
	 * Returns the arguments of the request {@link #next()} returned; valid until the next
	 * call of {@code next()}.
	 * @return the arguments, the first {@link #argc()} of them set
	 */
	byte[][] argv() {
		return this.argv;
	}

	/**
	 * Returns how many arguments the current request has.
	 * @return the count, at least 1 after {@link #COMMAND}
	 */
	int argc() {
		return this.argc;
	}

	/**
	 * Returns the protocol error after {@link #ERROR}: Redis's message, without the
	 * {@code ERR} prefix.
	 * @return the message, or {@code null}
	 */
	@Nullable String error() {
		return this.error;
	}

	/**
	 * Returns whether the input so far ends inside a request.
	 * @return whether a request is incomplete
	 */
	boolean inRequest() {
		return this.remaining >= 0 || this.position < this.end;
	}

	/**
	 * Returns how many bytes of input are held and not parsed yet.
	 * @return the bytes buffered
	 */
	int buffered() {
		return this.end - this.position;
	}

	/** {@code *<count>\r?}: returns COMMAND to go on (argc 0: no request yet). */
	private int arrayHeader() {
		int cr = lineEnd("Protocol error: too big mbulk count string");
		if (cr < 0) {
			return (cr == INCOMPLETE) ? needMore() : ERROR;
		}
		long count = RespNumbers.parse(this.buffer, this.position + 1, cr);
		boolean valid = count != RespNumbers.INVALID || isMinValue(this.position + 1, cr);
		if (!valid || count > this.limits.maxMultibulkLength()) {
			return fail("Protocol error: invalid multibulk length");
		}
		this.position = cr + 2;
		if (count > 0) {
			this.remaining = (int) count;
			this.requestBytes = 0;
			if (this.argv.length < count && this.argv.length < 1024) {
				this.argv = new byte[(int) Math.min(count, 1024)][];
			}
		}
		return COMMAND;
	}

	/** {@code $<length>\r?}: returns COMMAND with {@link #bulkLength} set. */
	private int bulkHeader() {
		if (this.position == this.end) {
			return needMore();
		}
		int cr = lineEnd("Protocol error: too big bulk count string");
		if (cr < 0) {
			return (cr == INCOMPLETE) ? needMore() : ERROR;
		}
		byte first = this.buffer[this.position];
		if (first != '$') {
			char shown = (first == '\r' || first == '\n') ? ' ' : (char) (first & 0xFF);
			return fail("Protocol error: expected '$', got '" + shown + "'");
		}
		long length = RespNumbers.parse(this.buffer, this.position + 1, cr);
		if (length < 0 || length > this.limits.maxBulkLength()) {
			return fail("Protocol error: invalid bulk length");
		}
		if (this.requestBytes + length > this.limits.maxRequestLength()) {
			return fail("Protocol error: too big request");
		}
		this.requestBytes += length;
		this.bulkLength = (int) length;
		this.position = cr + 2;
		return COMMAND;
	}

	/**
	 * Finds the {@code \r} of a count line, with the byte after it (which Redis skips
	 * unchecked) in the buffer too. Returns its index, {@link #INCOMPLETE}, or
	 * {@link #BROKEN} after failing with {@code tooBig}.
	 */
	private int lineEnd(String tooBig) {
		int max = this.limits.maxInlineLength();
		int limit = (int) Math.min(this.end, (long) this.position + max + 1);
		int found = indexOf((byte) '\r', this.position, limit);
		if (found < 0) {
			if (this.end - this.position >= max + 1) {
				fail(tooBig);
				return BROKEN;
			}
			return INCOMPLETE;
		}
		return (found + 1 < this.end) ? found : INCOMPLETE;
	}

	/** An inline request line; returns COMMAND to go on (argc 0: a blank line). */
	private int inline() {
		int max = this.limits.maxInlineLength();
		int limit = (int) Math.min(this.end, (long) this.position + max + 2);
		int newline = indexOf((byte) '\n', this.position, limit);
		if (newline < 0) {
			return (this.end - this.position >= max + 2) ? fail("Protocol error: too big inline request") : needMore();
		}
		int lineEnd = newline;
		if (lineEnd > this.position && this.buffer[lineEnd - 1] == '\r') {
			lineEnd--;
		}
		if (lineEnd - this.position > max) {
			return fail("Protocol error: too big inline request");
		}
		int start = this.position;
		this.position = newline + 1;
		if (!split(start, lineEnd)) {
			return fail("Protocol error: unbalanced quotes in request");
		}
		return COMMAND;
	}

	/**
	 * Splits an inline line as Redis's {@code sdssplitargs} does: blanks separate
	 * arguments; {@code "..."} takes {@code \xHH}, {@code \n}, {@code \r}, {@code \t},
	 * {@code \b}, {@code \a} and {@code \<c>} escapes; {@code '...'} takes {@code \'}; a
	 * closing quote must be followed by a blank or the end. The line ends at its first
	 * NUL byte, as a C string does. Returns false for unbalanced quotes.
	 */
	private boolean split(int from, int to) {
		int stop = indexOf((byte) 0, from, to);
		int last = (stop < 0) ? to : stop;
		int p = from;
		while (true) {
			while (p < last && isSpace(this.buffer[p])) {
				p++;
			}
			if (p >= last) {
				return true;
			}
			boolean inDouble = false;
			boolean inSingle = false;
			boolean done = false;
			this.tokenLength = 0;
			while (!done) {
				int c = at(p, last);
				if (inDouble) {
					if (c == '\\' && at(p + 1, last) == 'x' && isHex(at(p + 2, last)) && isHex(at(p + 3, last))) {
						append(hex(at(p + 2, last)) * 16 + hex(at(p + 3, last)));
						p += 3;
					}
					else if (c == '\\' && at(p + 1, last) != 0) {
						p++;
						append(unescape(at(p, last)));
					}
					else if (c == '"') {
						if (at(p + 1, last) != 0 && !isSpace((byte) at(p + 1, last))) {
							return false;
						}
						done = true;
					}
					else if (c == 0) {
						return false;
					}
					else {
						append(c);
					}
				}
				else if (inSingle) {
					if (c == '\\' && at(p + 1, last) == '\'') {
						p++;
						append('\'');
					}
					else if (c == '\'') {
						if (at(p + 1, last) != 0 && !isSpace((byte) at(p + 1, last))) {
							return false;
						}
						done = true;
					}
					else if (c == 0) {
						return false;
					}
					else {
						append(c);
					}
				}
				else {
					switch (c) {
						case ' ', '\n', '\r', '\t', 0 -> done = true;
						case '"' -> inDouble = true;
						case '\'' -> inSingle = true;
						default -> append(c);
					}
				}
				if (at(p, last) != 0) {
					p++;
				}
			}
			addArgument(Arrays.copyOf(this.token, this.tokenLength));
		}
	}

	private int at(int index, int last) {
		return (index < last) ? this.buffer[index] & 0xFF : 0;
	}

	private void append(int c) {
		if (this.tokenLength == this.token.length) {
			this.token = Arrays.copyOf(this.token, this.token.length * 2);
		}
		this.token[this.tokenLength++] = (byte) c;
	}

	private void addArgument(byte[] argument) {
		if (this.argc == this.argv.length) {
			this.argv = Arrays.copyOf(this.argv, this.argv.length * 2);
		}
		this.argv[this.argc++] = argument;
	}

	private int needMore() {
		if (this.position == this.end) {
			this.buffer = EMPTY;
			this.owned = false;
			this.position = 0;
			this.end = 0;
		}
		else if (!this.owned) {
			// Keep only the tail of the caller's chunk.
			int left = this.end - this.position;
			byte[] own = new byte[capacityFor(left)];
			System.arraycopy(this.buffer, this.position, own, 0, left);
			this.buffer = own;
			this.owned = true;
			this.position = 0;
			this.end = left;
		}
		return NEED_MORE;
	}

	/**
	 * A buffer for {@code needed} bytes: twice that, to append in amortized constant
	 * time, but no more than the bulk string being read still needs.
	 */
	private int capacityFor(int needed) {
		long doubled = Math.max(MIN_BUFFER, 2L * needed);
		if (this.remaining >= 0 && this.bulkLength >= 0) {
			doubled = Math.min(doubled, Math.max(needed, (long) this.bulkLength + 2));
		}
		return (int) Math.min(RespLimits.MAX_ARRAY, Math.max(needed, doubled));
	}

	private int fail(String message) {
		this.error = message;
		this.buffer = EMPTY;
		this.owned = false;
		this.position = 0;
		this.end = 0;
		return ERROR;
	}

	private boolean isMinValue(int from, int to) {
		return RespNumbers.isValid(RespNumbers.INVALID, Arrays.copyOfRange(this.buffer, from, to));
	}

	private int indexOf(byte value, int from, int to) {
		byte[] bytes = this.buffer;
		for (int i = from; i < to; i++) {
			if (bytes[i] == value) {
				return i;
			}
		}
		return -1;
	}

	private static boolean isSpace(byte c) {
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == 0x0B || c == '\f';
	}

	private static boolean isHex(int c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}

	private static int hex(int c) {
		return (c <= '9') ? c - '0' : (c | 0x20) - 'a' + 10;
	}

	private static int unescape(int c) {
		return switch (c) {
			case 'n' -> '\n';
			case 'r' -> '\r';
			case 't' -> '\t';
			case 'b' -> '\b';
			case 'a' -> 7;
			default -> c;
		};
	}

}
