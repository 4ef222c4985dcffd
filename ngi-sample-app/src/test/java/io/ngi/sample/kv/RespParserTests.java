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

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RespParser} on whole and cut input: RESP2 arrays, inline commands with Redis's
 * quoting, the limits and Redis's messages.
 */
class RespParserTests {

	private static final RespLimits SMALL = new RespLimits(16, 4, 32, 40);

	@Test
	void parsesArraysOfBulkStrings() {
		assertThat(parse("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n*1\r\n$4\r\nPING\r\n")).containsExactly("[GET, k]", "[PING]",
				"END");
	}

	@Test
	void parsesInlineCommandsWithRedisQuoting() {
		assertThat(parse("set a \"b c\"\r\nGET 'it\\'s'\nECHO \"\\x41\\n\"\r\n")).containsExactly("[set, a, b c]",
				"[GET, it's]", "[ECHO, A\n]", "END");
	}

	@Test
	void skipsEmptyAndNegativeArraysAndBlankLines() {
		assertThat(parse("*0\r\n*-1\r\n*-5\r\n\r\n   \r\nPING\r\n")).containsExactly("[PING]", "END");
	}

	@Test
	void waitsForTheRestOfARequest() {
		assertThat(parse("*2\r\n$3\r\nGET\r\n$1\r\n")).containsExactly("INCOMPLETE");
		assertThat(parse("PING")).containsExactly("INCOMPLETE");
	}

	@Test
	void givesRedisProtocolErrors() {
		assertThat(parse("*1\r\n$1073741824\r\n", RespLimits.redis()))
			.containsExactly("Protocol error: invalid bulk length");
		assertThat(parse("*1\r\n$-1\r\n")).containsExactly("Protocol error: invalid bulk length");
		assertThat(parse("*1\r\n$03\r\nfoo\r\n")).containsExactly("Protocol error: invalid bulk length");
		assertThat(parse("*abc\r\n")).containsExactly("Protocol error: invalid multibulk length");
		assertThat(parse("*5\r\n")).containsExactly("Protocol error: invalid multibulk length");
		assertThat(parse("*1\r\n:3\r\n")).containsExactly("Protocol error: expected '$', got ':'");
		assertThat(parse("GET \"k\r\n")).containsExactly("Protocol error: unbalanced quotes in request");
		assertThat(parse("GET \"k\"x\r\n")).containsExactly("Protocol error: unbalanced quotes in request");
		assertThat(parse("*3\r\n$16\r\n" + "x".repeat(16) + "\r\n$16\r\n" + "y".repeat(16) + "\r\n$16\r\n"))
			.containsExactly("Protocol error: too big request");
	}

	@Test
	void refusesLinesOverTheLimitHoweverTheyAreCut() {
		String inline = "x".repeat(33) + "\r\n";
		assertThat(parse(inline)).containsExactly("Protocol error: too big inline request");
		assertThat(parse("x".repeat(32) + "\r\nPING\r\n")).containsExactly("[" + "x".repeat(32) + "]", "[PING]", "END");
		assertThat(parse("*" + "1".repeat(40))).containsExactly("Protocol error: too big mbulk count string");
		assertThat(parse("*1\r\n$" + "1".repeat(40))).containsExactly("Protocol error: too big bulk count string");
		for (String input : List.of(inline, "*" + "1".repeat(40), "x".repeat(100))) {
			assertThat(parseOneByteAtATime(input, SMALL)).isEqualTo(parse(input));
		}
	}

	@Test
	void givesTheSameRequestsWhereverTheInputIsCut() {
		String input = "*3\r\n$3\r\nSET\r\n$5\r\nhello\r\n$5\r\nworld\r\nGET hello\r\n*1\r\n$4\r\nPING\r\n";
		assertThat(parseOneByteAtATime(input, SMALL)).isEqualTo(parse(input))
			.containsExactly("[SET, hello, world]", "[GET, hello]", "[PING]", "END");
	}

	@Test
	void inlineLinesEndAtTheirFirstNulByte() {
		assertThat(parse("GET a\0b c\r\n")).containsExactly("[GET, a]", "END");
	}

	static List<String> parse(String input) {
		return parse(input, SMALL);
	}

	static List<String> parse(String input, RespLimits limits) {
		RespParser parser = new RespParser(limits);
		parser.feed(input.getBytes(StandardCharsets.ISO_8859_1));
		return drain(parser, new ArrayList<>(), true);
	}

	static List<String> parseOneByteAtATime(String input, RespLimits limits) {
		RespParser parser = new RespParser(limits);
		List<String> results = new ArrayList<>();
		byte[] bytes = input.getBytes(StandardCharsets.ISO_8859_1);
		for (int i = 0; i < bytes.length; i++) {
			parser.feed(new byte[] { bytes[i] });
			drain(parser, results, i == bytes.length - 1);
			if (parser.error() != null) {
				break;
			}
		}
		return results;
	}

	private static List<String> drain(RespParser parser, List<String> results, boolean last) {
		int status;
		while ((status = parser.next()) == RespParser.COMMAND) {
			List<String> arguments = new ArrayList<>();
			for (int i = 0; i < parser.argc(); i++) {
				arguments.add(new String(parser.argv()[i], StandardCharsets.ISO_8859_1));
			}
			results.add(arguments.toString());
		}
		if (status == RespParser.ERROR) {
			results.add(parser.error());
		}
		else if (last) {
			results.add(parser.inRequest() ? "INCOMPLETE" : "END");
		}
		return results;
	}

}
