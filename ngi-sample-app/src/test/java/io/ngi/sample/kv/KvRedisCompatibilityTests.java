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

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.core.env.Environment;

import io.ngi.sample.SampleApplication;

import static io.ngi.sample.kv.Tools.exchange;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code kv} listener and Debian's {@code redis-server} 7 (started here on a free
 * loopback port, skipped with a message when it is missing) given the same requests on
 * fresh connections: the replies must be the same, byte for byte. What differs on purpose
 * ({@code COMMAND COUNT}, {@code CONFIG GET maxmemory}, arrays over 1,048,576 elements,
 * inline lines over the limit that arrive whole) is left out and documented in the
 * README.
 */
@SpringBootTest(classes = SampleApplication.class, webEnvironment = WebEnvironment.RANDOM_PORT,
		properties = "ngi.ephemeral-ports=true")
class KvRedisCompatibilityTests {

	private static final List<String> SCRIPTS = List.of("PING\r\n*1\r\n$4\r\nPING\r\nPING hello\r\nPING a b\r\n",
			"ECHO\r\nECHO a b\r\n*2\r\n$4\r\nECHO\r\n$5\r\na\0b\r\n\r\nECHO \"\"\r\n",
			"SET k v\r\nGET k\r\nGET missing\r\nSET\r\nSET k\r\nSET k v extra\r\nGET k v\r\n",
			"SET k v NX\r\nSET k w XX GET\r\nSET k x NX GET\r\nSET n v XX\r\nSET k v NX XX\r\nSET k v EX\r\nSET k v EX 10 PX 5\r\n",
			"SET k v EX 0\r\nSET k v PX -1\r\nSET k v EX ten\r\nSET k v EX 99999999999999999\r\nSET k v EXAT 0\r\nSET k v KEEPTTL EX 5\r\n",
			"SET k v EX 100\r\nTTL k\r\nSET k w KEEPTTL\r\nTTL k\r\nSET k x\r\nTTL k\r\nPTTL k\r\nTTL missing\r\nPTTL missing\r\nTTL\r\n",
			"INCR n\r\nINCRBY n 41\r\nDECR n\r\nDECRBY n 2\r\nGET n\r\nINCRBY n x\r\nINCRBY n 03\r\nINCRBY n \" 1\"\r\nDECRBY n -9223372036854775808\r\n",
			"SET s abc\r\nINCR s\r\nSET m 9223372036854775807\r\nINCR m\r\nSET m -9223372036854775808\r\nDECR m\r\nINCRBY m 9223372036854775807\r\nINCR\r\nINCRBY n\r\n",
			"MSET a 1 b 2\r\nMGET a b c\r\nMSET a\r\nMSET a 1 b\r\nMGET\r\nEXISTS a a b c\r\nDEL a c\r\nEXISTS a\r\nDEL\r\nEXISTS\r\n",
			"SET k v\r\nEXPIRE k 100\r\nTTL k\r\nEXPIRE k 200 NX\r\nEXPIRE k 200 XX\r\nEXPIRE k 50 GT\r\nEXPIRE k 50 LT\r\nTTL k\r\n",
			"SET k v\r\nEXPIRE k 10 NX XX\r\nEXPIRE k 10 GT LT\r\nEXPIRE k 10 FOO\r\nEXPIRE k x\r\nEXPIRE k 9223372036854775807\r\nPEXPIRE k 9223372036854775807\r\nEXPIRE missing 5\r\nEXPIRE k\r\n",
			"SET k v\r\nEXPIRE k -1\r\nGET k\r\nSET k v\r\nPEXPIRE k 0\r\nEXISTS k\r\nSET k v\r\nPEXPIRE k 5000\r\nEXPIRE k 5000 LT\r\n",
			"DBSIZE\r\nMSET a 1 b 2\r\nDBSIZE\r\nDBSIZE x\r\nFLUSHALL x\r\nFLUSHALL ASYNC\r\nDBSIZE\r\nFLUSHALL SYNC\r\nFLUSHALL a b\r\n",
			"FOO\r\nFOO bar baz\r\nfoo " + "a".repeat(200) + " b\r\n*3\r\n$3\r\nfoo\r\n$3\r\na\0b\r\n$4\r\nc\r\nd\r\n",
			"foo " + "a ".repeat(100) + "\r\n" + "x".repeat(300) + "\r\n\"a\\x41b\" 'it\\'s' \"tab\\there\"\r\n",
			"CONFIG\r\nCONFIG GET\r\nCONFIG FOO\r\nCONFIG GET save\r\nCONFIG GET appendonly\r\nCOMMAND FOO\r\nCOMMAND COUNT x\r\n",
			"COMMAND INFO nosuch\r\nCOMMAND DOCS nosuch\r\n\r\n  \r\n*0\r\n*-1\r\n*-5\r\nPING\r\n",
			"*1\r\n$4\r\nPINGxx*1\rX$4\rXPING\r\n");

	private static final List<String> CLOSING_SCRIPTS = List.of("*1\r\n$1073741824\r\n", "*1\r\n$-1\r\n",
			"*1\r\n$03\r\n", "*03\r\n", "*abc\r\n", "*1\r\n:3\r\n", "*2\r\n$4\r\nECHO\r\n*1\r\n",
			"PING\r\n\"unbalanced\r\n", "GET \"k\"x\r\n", "*2147483648\r\n", "*1\r\n$111111111111111111111\r\n",
			"QUIT\r\n", "QUIT x y\r\n", "PING\r\nQUIT\r\nPING\r\n");

	private static Process redis;

	private static int redisPort;

	@Autowired
	private Environment environment;

	@BeforeAll
	static void startRedis() throws IOException {
		Path server = Tools.require("redis-server");
		try (ServerSocket free = new ServerSocket(0)) {
			redisPort = free.getLocalPort();
		}
		redis = new ProcessBuilder(server.toString(), "--port", Integer.toString(redisPort), "--bind", "127.0.0.1",
				"--save", "", "--appendonly", "no")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.until(() -> exchange(redisPort, "PING\r\n", false).equals("+PONG\r\n"));
	}

	@AfterAll
	static void stopRedis() throws InterruptedException {
		if (redis != null) {
			redis.destroy();
			redis.waitFor();
		}
	}

	@Test
	void answersAsRedisDoes() throws IOException {
		for (String script : SCRIPTS) {
			exchange(redisPort, "FLUSHALL\r\n", false);
			exchange(port(), "FLUSHALL\r\n", false);
			assertThat(exchange(port(), script, false)).as("replies to %s", script.replace("\r\n", "\\r\\n"))
				.isEqualTo(exchange(redisPort, script, false));
		}
	}

	@Test
	void answersAndClosesAsRedisDoes() throws IOException {
		for (String script : CLOSING_SCRIPTS) {
			assertThat(exchange(port(), script, true)).as("replies to %s", script.replace("\r\n", "\\r\\n"))
				.isEqualTo(exchange(redisPort, script, true));
		}
	}

	private int port() {
		return this.environment.getRequiredProperty("local.ngi.kv.port", Integer.class);
	}

}
