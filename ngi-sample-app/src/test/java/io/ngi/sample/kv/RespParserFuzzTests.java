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

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RespParser} against a reference parser written here, independently and as
 * plainly as possible (the whole input at once, no state kept between calls), on
 * 1,000,000 generated inputs: random bytes and RESP-like fragments, each fed to
 * {@code RespParser} cut at random points. Both must find the same requests and end the
 * same way (the same protocol error, an incomplete request, or a clean end), and
 * {@code RespParser} must never throw.
 * <p>
 * The reference encodes the rules {@link RespParser} documents, which are Redis 7's
 * ({@code processMultibulkBuffer}, {@code processInlineBuffer}, {@code sdssplitargs},
 * {@code string2ll}) with limits enforced whatever the cuts; the replies of the real
 * {@code redis-server} to the same kinds of input are compared in
 * {@code KvRedisCompatibilityTests}.
 */
class RespParserFuzzTests {

	private static final int INPUTS = 1_000_000;

	private static final String[] PIECES = { "*", "$", "*1\r\n", "*2\r\n", "*-1\r\n", "*0\r\n", "$3\r\n", "$0\r\n",
			"$-1\r\n", "\r\n", "\r", "\n", " ", "  ", "\t", "\"", "'", "\\", "\\x4", "\\x41", "\\'", "0", "1", "3", "9",
			"-", "03", "99999999999999999999", "GET", "SET", "PING", "abc", "k", "\0", ":", "+", "\u000b" };

	@Test
	void agreesWithTheReferenceParserOnAMillionInputs() {
		Random random = new Random(20261204L);
		RespLimits[] limits = { new RespLimits(16, 8, 24, 40), new RespLimits(4, 3, 8, 6), RespLimits.redis() };
		Map<String, Integer> outcomes = new TreeMap<>();
		for (int n = 0; n < INPUTS; n++) {
			byte[] input = generate(random);
			RespLimits chosen = limits[n % limits.length];
			List<String> expected = Reference.parse(input, chosen);
			List<String> actual = parseInPieces(input, chosen, random);
			assertThat(actual).as("input #%d %s with %s", n, HexFormat.of().formatHex(input), chosen)
				.isEqualTo(expected);
			outcomes.merge(expected.get(expected.size() - 1), 1, Integer::sum);
			outcomes.merge("requests", expected.size() - 1, Integer::sum);
		}
		// The inputs reach every outcome, many times.
		assertThat(outcomes).containsKeys("END", "INCOMPLETE", "ERROR Protocol error: invalid bulk length",
				"ERROR Protocol error: invalid multibulk length", "ERROR Protocol error: too big inline request",
				"ERROR Protocol error: too big mbulk count string", "ERROR Protocol error: too big bulk count string",
				"ERROR Protocol error: unbalanced quotes in request", "ERROR Protocol error: too big request",
				"ERROR Protocol error: expected '$', got ':'");
		assertThat(outcomes.get("requests")).isGreaterThan(INPUTS / 2);
		assertThat(outcomes.get("END")).isGreaterThan(INPUTS / 20);
		assertThat(outcomes.get("ERROR Protocol error: unbalanced quotes in request")).isGreaterThan(INPUTS / 100);
	}

	private static byte[] generate(Random random) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int parts = 1 + random.nextInt(12);
		boolean raw = random.nextInt(10) == 0;
		for (int i = 0; i < parts; i++) {
			if (raw || random.nextInt(8) == 0) {
				byte[] noise = new byte[1 + random.nextInt(raw ? 64 : 4)];
				random.nextBytes(noise);
				out.writeBytes(noise);
			}
			else if (random.nextInt(5) == 0) {
				out.writeBytes(validRequest(random));
			}
			else {
				out.writeBytes(PIECES[random.nextInt(PIECES.length)].getBytes(StandardCharsets.ISO_8859_1));
			}
		}
		return out.toByteArray();
	}

	private static byte[] validRequest(Random random) {
		int count = 1 + random.nextInt(4);
		StringBuilder request = new StringBuilder("*").append(count).append("\r\n");
		for (int i = 0; i < count; i++) {
			String argument = "v".repeat(random.nextInt(20));
			request.append('$').append(argument.length()).append("\r\n").append(argument).append("\r\n");
		}
		return request.toString().getBytes(StandardCharsets.ISO_8859_1);
	}

	private static List<String> parseInPieces(byte[] input, RespLimits limits, Random random) {
		RespParser parser = new RespParser(limits);
		List<String> results = new ArrayList<>();
		int offset = 0;
		while (offset < input.length) {
			int length = 1 + random.nextInt(input.length - offset);
			byte[] piece = new byte[length];
			System.arraycopy(input, offset, piece, 0, length);
			offset += length;
			parser.feed(piece);
			int status;
			while ((status = parser.next()) == RespParser.COMMAND) {
				List<String> arguments = new ArrayList<>();
				for (int i = 0; i < parser.argc(); i++) {
					arguments.add(HexFormat.of().formatHex(parser.argv()[i]));
				}
				results.add(arguments.toString());
			}
			if (status == RespParser.ERROR) {
				results.add("ERROR " + parser.error());
				return results;
			}
		}
		results.add(parser.inRequest() ? "INCOMPLETE" : "END");
		return results;
	}

	/**
	 * The reference: parses a whole input at once, by the documented rules.
	 */
	static final class Reference {

		private final byte[] in;

		private final RespLimits limits;

		private final List<String> results = new ArrayList<>();

		private Reference(byte[] in, RespLimits limits) {
			this.in = in;
			this.limits = limits;
		}

		static List<String> parse(byte[] in, RespLimits limits) {
			Reference reference = new Reference(in, limits);
			reference.results.add(reference.run());
			return reference.results;
		}

		private String run() {
			int i = 0;
			int n = this.in.length;
			while (i < n) {
				if (this.in[i] == '*') {
					int cr = find('\r', i, this.limits.maxInlineLength() + 1);
					if (cr == -2) {
						return "ERROR Protocol error: too big mbulk count string";
					}
					if (cr < 0 || cr + 1 >= n) {
						return "INCOMPLETE";
					}
					BigInteger count = integer(i + 1, cr);
					if (count == null || count.compareTo(BigInteger.valueOf(this.limits.maxMultibulkLength())) > 0) {
						return "ERROR Protocol error: invalid multibulk length";
					}
					i = cr + 2;
					List<String> arguments = new ArrayList<>();
					long total = 0;
					for (long k = 0; k < count.longValue(); k++) {
						if (i >= n) {
							return "INCOMPLETE";
						}
						int end = find('\r', i, this.limits.maxInlineLength() + 1);
						if (end == -2) {
							return "ERROR Protocol error: too big bulk count string";
						}
						if (end < 0 || end + 1 >= n) {
							return "INCOMPLETE";
						}
						if (this.in[i] != '$') {
							char shown = (this.in[i] == '\r' || this.in[i] == '\n') ? ' ' : (char) (this.in[i] & 0xFF);
							return "ERROR Protocol error: expected '$', got '" + shown + "'";
						}
						BigInteger length = integer(i + 1, end);
						if (length == null || length.signum() < 0
								|| length.compareTo(BigInteger.valueOf(this.limits.maxBulkLength())) > 0) {
							return "ERROR Protocol error: invalid bulk length";
						}
						total += length.longValue();
						if (total > this.limits.maxRequestLength()) {
							return "ERROR Protocol error: too big request";
						}
						i = end + 2;
						if (n - i < length.longValue() + 2) {
							return "INCOMPLETE";
						}
						byte[] argument = new byte[length.intValue()];
						System.arraycopy(this.in, i, argument, 0, argument.length);
						arguments.add(HexFormat.of().formatHex(argument));
						i += argument.length + 2;
					}
					if (!arguments.isEmpty()) {
						this.results.add(arguments.toString());
					}
				}
				else {
					int newline = find('\n', i, this.limits.maxInlineLength() + 2);
					if (newline == -2) {
						return "ERROR Protocol error: too big inline request";
					}
					if (newline < 0) {
						return "INCOMPLETE";
					}
					int end = (newline > i && this.in[newline - 1] == '\r') ? newline - 1 : newline;
					if (end - i > this.limits.maxInlineLength()) {
						return "ERROR Protocol error: too big inline request";
					}
					List<String> arguments = split(i, end);
					if (arguments == null) {
						return "ERROR Protocol error: unbalanced quotes in request";
					}
					if (!arguments.isEmpty()) {
						this.results.add(arguments.toString());
					}
					i = newline + 1;
				}
			}
			return "END";
		}

		/**
		 * The index of {@code c} among the {@code window} bytes from {@code from}; -2 if
		 * the window is full and lacks it, -1 if the input ends first.
		 */
		private int find(char c, int from, int window) {
			for (int i = from; i < this.in.length && i < from + window; i++) {
				if (this.in[i] == c) {
					return i;
				}
			}
			return (this.in.length - from >= window) ? -2 : -1;
		}

		/**
		 * Redis's string2ll: [-]digits without a leading zero (or 0), at most 20
		 * characters, 64 bits.
		 */
		private BigInteger integer(int from, int to) {
			String text = new String(this.in, from, to - from, StandardCharsets.ISO_8859_1);
			if (text.length() > 20 || !text.matches("0|-?[1-9][0-9]*")) {
				return null;
			}
			BigInteger value = new BigInteger(text);
			if (value.bitLength() > 63) {
				return null;
			}
			return value;
		}

		/** sdssplitargs, over the line up to its first NUL. */
		private List<String> split(int from, int to) {
			StringBuilder line = new StringBuilder();
			for (int i = from; i < to && this.in[i] != 0; i++) {
				line.append((char) (this.in[i] & 0xFF));
			}
			List<String> arguments = new ArrayList<>();
			int p = 0;
			while (true) {
				while (p < line.length() && " \t\n\r\u000b\f".indexOf(line.charAt(p)) >= 0) {
					p++;
				}
				if (p == line.length()) {
					return arguments;
				}
				ByteArrayOutputStream token = new ByteArrayOutputStream();
				char quote = 0;
				if (line.charAt(p) == '"' || line.charAt(p) == '\'') {
					quote = line.charAt(p++);
				}
				while (true) {
					if (quote == 0) {
						if (p == line.length() || " \n\r\t".indexOf(line.charAt(p)) >= 0) {
							break;
						}
						if (line.charAt(p) == '"' || line.charAt(p) == '\'') {
							// A quote inside a word opens a quoted part that continues
							// the word.
							quote = line.charAt(p++);
							continue;
						}
						token.write(line.charAt(p++));
						continue;
					}
					if (p == line.length()) {
						return null;
					}
					char c = line.charAt(p);
					if (c == quote) {
						if (p + 1 < line.length() && " \t\n\r\u000b\f".indexOf(line.charAt(p + 1)) < 0) {
							return null;
						}
						p++;
						break;
					}
					if (quote == '"' && c == '\\' && p + 3 < line.length() + 0 && line.charAt(p + 1) == 'x'
							&& isHex(line.charAt(p + 2)) && isHex(line.charAt(p + 3))) {
						token.write(Integer.parseInt(line.substring(p + 2, p + 4), 16));
						p += 4;
					}
					else if (quote == '"' && c == '\\' && p + 1 < line.length()) {
						char e = line.charAt(p + 1);
						token.write(switch (e) {
							case 'n' -> '\n';
							case 'r' -> '\r';
							case 't' -> '\t';
							case 'b' -> '\b';
							case 'a' -> 7;
							default -> e;
						});
						p += 2;
					}
					else if (quote == '\'' && c == '\\' && p + 1 < line.length() && line.charAt(p + 1) == '\'') {
						token.write('\'');
						p += 2;
					}
					else {
						token.write(c);
						p++;
					}
				}
				arguments.add(HexFormat.of().formatHex(token.toByteArray()));
				if (p < line.length()) {
					// The blank that ended the word (or followed the closing quote) is
					// consumed.
					p++;
				}
			}
		}

		private static boolean isHex(char c) {
			return Character.digit(c, 16) >= 0 && c < 128;
		}

	}

}
