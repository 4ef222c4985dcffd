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
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;

import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.TestConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code kv} listener in the {@code @NgiTest} slice: every command, its errors, the
 * protocol errors and expiry in virtual time. Replies are compared as the bytes a client
 * reads, whatever writes they came in (so {@link KvServerCutIntoBytesTests} runs the same
 * scenarios with input cut into single bytes).
 */
@NgiTest
@Import(KvConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class KvServerTests {

	@Autowired
	private NgiTestClient ngi;

	@Autowired
	private KvStore store;

	private TestConnection client;

	@BeforeEach
	void connectToAnEmptyStore() {
		this.client = this.ngi.connect("kv");
		assertThat(send("FLUSHALL\r\n")).isEqualTo("+OK\r\n");
	}

	@Test
	void answersPingEchoAndQuit() {
		assertThat(send("PING\r\n")).isEqualTo("+PONG\r\n");
		assertThat(send("*1\r\n$4\r\nPING\r\n")).isEqualTo("+PONG\r\n");
		assertThat(send("*2\r\n$4\r\nping\r\n$2\r\nhi\r\n")).isEqualTo("$2\r\nhi\r\n");
		assertThat(send("*2\r\n$4\r\nECHO\r\n$7\r\na\r\nb\0cd\r\n")).isEqualTo("$7\r\na\r\nb\0cd\r\n");
		assertThat(send("PING a b\r\n")).isEqualTo("-ERR wrong number of arguments for 'ping' command\r\n");
		assertThat(send("QUIT\r\nPING\r\n")).isEqualTo("+OK\r\n<CLOSE>");
		assertThat(this.client.isOpen()).isFalse();
	}

	@Test
	void setsGetsAndDeletes() {
		assertThat(send("SET greeting hello\r\n")).isEqualTo("+OK\r\n");
		assertThat(send("GET greeting\r\n")).isEqualTo("$5\r\nhello\r\n");
		assertThat(send("GET missing\r\n")).isEqualTo("$-1\r\n");
		assertThat(send("EXISTS greeting greeting missing\r\n")).isEqualTo(":2\r\n");
		assertThat(send("DEL greeting missing\r\n")).isEqualTo(":1\r\n");
		assertThat(send("EXISTS greeting\r\n")).isEqualTo(":0\r\n");
		assertThat(send("*3\r\n$3\r\nSET\r\n$0\r\n\r\n$0\r\n\r\n")).isEqualTo("+OK\r\n");
		assertThat(send("*2\r\n$3\r\nGET\r\n$0\r\n\r\n")).isEqualTo("$0\r\n\r\n");
	}

	@Test
	void setTakesNxXxGetAndKeepTtl() {
		assertThat(send("SET k v1 XX\r\n")).isEqualTo("$-1\r\n");
		assertThat(send("SET k v1 NX\r\n")).isEqualTo("+OK\r\n");
		assertThat(send("SET k v2 NX\r\n")).isEqualTo("$-1\r\n");
		assertThat(send("SET k v2 XX GET\r\n")).isEqualTo("$2\r\nv1\r\n");
		assertThat(send("SET k v3 EX 100\r\n")).isEqualTo("+OK\r\n");
		assertThat(send("SET k v4 KEEPTTL\r\nTTL k\r\n")).isEqualTo("+OK\r\n:100\r\n");
		assertThat(send("SET k v5\r\nTTL k\r\n")).isEqualTo("+OK\r\n:-1\r\n");
		assertThat(send("SET k v NX XX\r\n")).isEqualTo("-ERR syntax error\r\n");
		assertThat(send("SET k v EX\r\n")).isEqualTo("-ERR syntax error\r\n");
		assertThat(send("SET k v EX 1 PX 1\r\n")).isEqualTo("-ERR syntax error\r\n");
		assertThat(send("SET k v EX 0\r\n")).isEqualTo("-ERR invalid expire time in 'set' command\r\n");
		assertThat(send("SET k v PX -5\r\n")).isEqualTo("-ERR invalid expire time in 'set' command\r\n");
		assertThat(send("SET k v EX 99999999999999999\r\n")).isEqualTo("-ERR invalid expire time in 'set' command\r\n");
		assertThat(send("SET k v EX ten\r\n")).isEqualTo("-ERR value is not an integer or out of range\r\n");
		assertThat(send("SET k\r\n")).isEqualTo("-ERR wrong number of arguments for 'set' command\r\n");
		assertThat(send("GET k\r\n")).isEqualTo("$2\r\nv5\r\n");
	}

	@Test
	void incrementsAndDecrements() {
		assertThat(send("INCR n\r\nINCR n\r\nINCRBY n 40\r\nDECR n\r\nDECRBY n -10\r\nGET n\r\n"))
			.isEqualTo(":1\r\n:2\r\n:42\r\n:41\r\n:51\r\n$2\r\n51\r\n");
		assertThat(send("SET s abc\r\nINCR s\r\n"))
			.isEqualTo("+OK\r\n-ERR value is not an integer or out of range\r\n");
		assertThat(send("SET s \" 1\"\r\nINCR s\r\nSET s 01\r\nINCR s\r\n"))
			.isEqualTo("+OK\r\n-ERR value is not an integer or out of range\r\n"
					+ "+OK\r\n-ERR value is not an integer or out of range\r\n");
		assertThat(send("INCRBY n 1x\r\n")).isEqualTo("-ERR value is not an integer or out of range\r\n");
		assertThat(send("SET max 9223372036854775807\r\nINCR max\r\n"))
			.isEqualTo("+OK\r\n-ERR increment or decrement would overflow\r\n");
		assertThat(send("SET min -9223372036854775808\r\nDECR min\r\nINCR min\r\n"))
			.isEqualTo("+OK\r\n-ERR increment or decrement would overflow\r\n:-9223372036854775807\r\n");
		assertThat(send("DECRBY n -9223372036854775808\r\n")).isEqualTo("-ERR decrement would overflow\r\n");
		assertThat(send("INCR\r\n")).isEqualTo("-ERR wrong number of arguments for 'incr' command\r\n");
	}

	@Test
	void incrementKeepsTheExpiry() {
		assertThat(send("SET n 1 EX 100\r\nINCR n\r\nTTL n\r\n")).isEqualTo("+OK\r\n:2\r\n:100\r\n");
	}

	@Test
	void setsAndGetsManyKeysAtOnce() {
		assertThat(send("MSET a 1 b 2\r\nMGET a missing b\r\n"))
			.isEqualTo("+OK\r\n*3\r\n$1\r\n1\r\n$-1\r\n$1\r\n2\r\n");
		assertThat(send("MSET a 1 b\r\n")).isEqualTo("-ERR wrong number of arguments for 'mset' command\r\n");
		assertThat(send("MGET\r\n")).isEqualTo("-ERR wrong number of arguments for 'mget' command\r\n");
		assertThat(send("DBSIZE\r\n")).isEqualTo(":2\r\n");
		assertThat(send("FLUSHALL SYNC\r\nDBSIZE\r\n")).isEqualTo("+OK\r\n:0\r\n");
		assertThat(send("FLUSHALL NOW\r\n")).isEqualTo("-ERR syntax error\r\n");
	}

	@Test
	void answersUnknownCommandsAsRedisDoes() {
		assertThat(send("FOO bar baz\r\n"))
			.isEqualTo("-ERR unknown command 'FOO', with args beginning with: 'bar' 'baz' \r\n");
		assertThat(send("*2\r\n$3\r\nfoo\r\n$4\r\na\r\nb\r\n"))
			.isEqualTo("-ERR unknown command 'foo', with args beginning with: 'a  b' \r\n");
		String longArgument = "x".repeat(200);
		assertThat(send("FOO " + longArgument + " y\r\n"))
			.isEqualTo("-ERR unknown command 'FOO', with args beginning with: '" + "x".repeat(128) + "' \r\n");
		assertThat(send("CONFIG FOO\r\n")).isEqualTo("-ERR unknown subcommand 'FOO'. Try CONFIG HELP.\r\n");
		assertThat(send("CONFIG\r\n")).isEqualTo("-ERR wrong number of arguments for 'config' command\r\n");
		assertThat(send("CONFIG GET\r\n")).isEqualTo("-ERR wrong number of arguments for 'config|get' command\r\n");
	}

	@Test
	void answersCommandAndConfigGetForRedisTools() {
		assertThat(send("COMMAND COUNT\r\n")).isEqualTo(":21\r\n");
		assertThat(send("COMMAND INFO get nosuch\r\n"))
			.isEqualTo("*2\r\n*10\r\n$3\r\nget\r\n:2\r\n*2\r\n+readonly\r\n+fast\r\n:1\r\n:1\r\n:1\r\n"
					+ "*3\r\n+@read\r\n+@string\r\n+@fast\r\n*0\r\n*0\r\n*0\r\n$-1\r\n");
		assertThat(send("CONFIG GET save appendonly\r\n"))
			.isEqualTo("*4\r\n$4\r\nsave\r\n$0\r\n\r\n$10\r\nappendonly\r\n$2\r\nno\r\n");
		assertThat(send("CONFIG GET max*\r\n")).startsWith("*4\r\n$9\r\nmaxmemory\r\n");
		assertThat(send("COMMAND DOCS get\r\n")).startsWith("*2\r\n$3\r\nget\r\n*8\r\n$7\r\nsummary\r\n");
	}

	@Test
	void expiresKeysOnTheImplementationsClock() {
		assertThat(send("SET k v PX 1000\r\n")).isEqualTo("+OK\r\n");
		this.ngi.advance(Duration.ofMillis(400));
		assertThat(send("PTTL k\r\nTTL k\r\n")).isEqualTo(":600\r\n:1\r\n");
		this.ngi.advance(Duration.ofMillis(600));
		// As in Redis, a key is there at its expiry time and gone a millisecond later.
		assertThat(send("PTTL k\r\nGET k\r\n")).isEqualTo(":0\r\n$1\r\nv\r\n");
		this.ngi.advance(Duration.ofMillis(1));
		assertThat(send("GET k\r\nTTL k\r\nEXISTS k\r\n")).isEqualTo("$-1\r\n:-2\r\n:0\r\n");
	}

	@Test
	void expireSetsAndRemovesTheTimeToLive() {
		assertThat(send("SET k v\r\nEXPIRE k 10\r\nTTL k\r\nPEXPIRE k 2500\r\nPTTL k\r\n"))
			.isEqualTo("+OK\r\n:1\r\n:10\r\n:1\r\n:2500\r\n");
		assertThat(send("EXPIRE k 100 NX\r\nEXPIRE k 100 GT\r\nTTL k\r\nEXPIRE k 5 LT\r\nTTL k\r\n"))
			.isEqualTo(":0\r\n:1\r\n:100\r\n:1\r\n:5\r\n");
		assertThat(send("EXPIRE k 5 NX XX\r\n"))
			.isEqualTo("-ERR NX and XX, GT or LT options at the same time are not compatible\r\n");
		assertThat(send("EXPIRE k 5 FOO\r\n")).isEqualTo("-ERR Unsupported option FOO\r\n");
		assertThat(send("EXPIRE k soon\r\n")).isEqualTo("-ERR value is not an integer or out of range\r\n");
		assertThat(send("EXPIRE k 9223372036854775\r\n")).isEqualTo("-ERR invalid expire time in 'expire' command\r\n");
		assertThat(send("EXPIRE missing 10\r\n")).isEqualTo(":0\r\n");
		this.ngi.advance(Duration.ofSeconds(5));
		assertThat(send("TTL k\r\n")).isEqualTo(":0\r\n");
		assertThat(send("EXPIRE k 0\r\nEXISTS k\r\n")).isEqualTo(":1\r\n:0\r\n");
		assertThat(send("SET k v\r\nEXPIRE k -1\r\nGET k\r\n")).isEqualTo("+OK\r\n:1\r\n$-1\r\n");
	}

	@Test
	void sweepsExpiredKeysNobodyReads() {
		StringBuilder sets = new StringBuilder();
		for (int i = 0; i < 500; i++) {
			sets.append("SET key:").append(i).append(" v PX ").append(100 + i).append("\r\n");
		}
		send(sets.toString());
		assertThat(send("SET kept v\r\nDBSIZE\r\n")).isEqualTo("+OK\r\n:501\r\n");
		this.ngi.advance(Duration.ofMillis(300));
		synchronized (this.store) {
			assertThat(this.store.size()).isBetween(300, 401);
		}
		this.ngi.advance(Duration.ofSeconds(1));
		assertThat(send("DBSIZE\r\n")).isEqualTo(":1\r\n");
		synchronized (this.store) {
			assertThat(this.store.pendingDeadlines()).isZero();
			assertThat(this.store.usedBytes()).isEqualTo(KvStore.cost(bytes("kept"), bytes("v")));
		}
	}

	@Test
	void protocolErrorsAreAnsweredAndClosed() {
		assertThat(send("PING\r\n*1\r\n$-1\r\nPING\r\n"))
			.isEqualTo("+PONG\r\n-ERR Protocol error: invalid bulk length\r\n<CLOSE>");
		TestConnection other = this.ngi.connect("kv");
		assertThat(send(other, "*1\r\n$1073741824\r\n"))
			.isEqualTo("-ERR Protocol error: invalid bulk length\r\n<CLOSE>");
		other = this.ngi.connect("kv");
		assertThat(send(other, "*-1\r\n*-7\r\n*0\r\nPING\r\n")).isEqualTo("+PONG\r\n");
		assertThat(send(other, "*2\r\n:1\r\n")).isEqualTo("-ERR Protocol error: expected '$', got ':'\r\n<CLOSE>");
		other = this.ngi.connect("kv");
		assertThat(send(other, "x".repeat(100 * 1024)))
			.isEqualTo("-ERR Protocol error: too big inline request\r\n<CLOSE>");
		other = this.ngi.connect("kv");
		assertThat(send(other, "*2000000\r\n")).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n<CLOSE>");
	}

	@Test
	void forgetsAndLogsARequestWhoseClientLeftInsideIt(CapturedOutput output) {
		assertThat(send("*3\r\n$3\r\nSET\r\n$4\r\nhalf\r\n$10\r\nabc")).isEmpty();
		this.client.close();
		assertThat(output).contains("left inside a request");
		assertThat(send(this.ngi.connect("kv"), "EXISTS half\r\n")).isEqualTo(":0\r\n");
	}

	@Test
	void answersAPipelineInOrder() {
		StringBuilder requests = new StringBuilder();
		StringBuilder expected = new StringBuilder();
		for (int i = 0; i < 1000; i++) {
			requests.append("*3\r\n$3\r\nSET\r\n$")
				.append(Integer.toString(i).length())
				.append("\r\n")
				.append(i)
				.append("\r\n$1\r\nv\r\nINCR counter\r\n");
			expected.append("+OK\r\n:").append(i + 1).append("\r\n");
		}
		assertThat(send(requests.toString())).isEqualTo(expected.toString());
		assertThat(send("DBSIZE\r\n")).isEqualTo(":1001\r\n");
	}

	@Test
	void sendsLargeValuesWhole() {
		String large = "L".repeat(3 * Replies.LARGE + 7);
		assertThat(send("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$" + large.length() + "\r\n" + large + "\r\n"))
			.isEqualTo("+OK\r\n");
		assertThat(send("GET big\r\nMGET big x big\r\nPING\r\n"))
			.isEqualTo("$" + large.length() + "\r\n" + large + "\r\n*3\r\n$" + large.length() + "\r\n" + large
					+ "\r\n$-1\r\n$" + large.length() + "\r\n" + large + "\r\n+PONG\r\n");
	}

	String send(String requests) {
		return send(this.client, requests);
	}

	/**
	 * Writes requests and returns what the client received since, with {@code <CLOSE>}
	 * for a close.
	 */
	static String send(TestConnection client, String requests) {
		client.write(bytes(requests));
		return received(client.output());
	}

	static String received(String transcript) {
		StringBuilder received = new StringBuilder();
		for (String line : transcript.split("\n")) {
			if (line.startsWith("-> '") || line.startsWith("-> \"")) {
				received.append(unrepr(line.substring(3)));
			}
			else if (line.startsWith("-> CLOSE")) {
				received.append("<CLOSE>");
			}
			else if (!line.isEmpty()) {
				received.append('<').append(line).append('>');
			}
		}
		return received.toString();
	}

	/** Undoes {@code Transcript.repr}. */
	private static String unrepr(String literal) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 1; i < literal.length() - 1; i++) {
			char c = literal.charAt(i);
			if (c != '\\') {
				bytes.write(c);
				continue;
			}
			char escaped = literal.charAt(++i);
			switch (escaped) {
				case 't' -> bytes.write('\t');
				case 'n' -> bytes.write('\n');
				case 'r' -> bytes.write('\r');
				case 'x' -> {
					bytes.write(Integer.parseInt(literal.substring(i + 1, i + 3), 16));
					i += 2;
				}
				default -> bytes.write(escaped);
			}
		}
		return bytes.toString(StandardCharsets.ISO_8859_1);
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.ISO_8859_1);
	}

}
