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

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;

import io.ngi.spring.boot.test.NgiTest;
import io.ngi.spring.boot.test.NgiTestClient;
import io.ngi.testing.TestConnection;

import static io.ngi.sample.kv.KvServerTests.send;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code ngi.sample.kv.*} limits, set small: writes past {@code max-keys} or
 * {@code max-memory} get {@code -OOM} and change nothing, requests past the protocol
 * limits get Redis's protocol error and a close.
 */
@NgiTest(properties = { "ngi.sample.kv.max-keys=3", "ngi.sample.kv.max-memory=1KB",
		"ngi.sample.kv.max-bulk-length=600B", "ngi.sample.kv.max-multibulk-length=5",
		"ngi.sample.kv.max-inline-length=64B", "ngi.sample.kv.max-request-length=800B" })
@Import(KvConfiguration.class)
class KvLimitsTests {

	@Autowired
	private NgiTestClient ngi;

	private TestConnection client;

	@BeforeEach
	void connectToAnEmptyStore() {
		this.client = this.ngi.connect("kv");
		assertThat(send(this.client, "FLUSHALL\r\n")).isEqualTo("+OK\r\n");
	}

	@Test
	void refusesAKeyPastMaxKeys() {
		assertThat(send(this.client, "MSET a 1 b 2 c 3\r\n")).isEqualTo("+OK\r\n");
		String oom = "-OOM command not allowed: the store holds its maximum of 3 keys (ngi.sample.kv.max-keys)\r\n";
		assertThat(send(this.client, "SET d 4\r\nINCR e\r\nMSET a 9 f 9\r\n")).isEqualTo(oom + oom + oom);
		assertThat(send(this.client, "SET a 10\r\nINCR a\r\nMGET a f\r\n"))
			.isEqualTo("+OK\r\n:11\r\n*2\r\n$2\r\n11\r\n$-1\r\n");
		assertThat(send(this.client, "DEL c\r\nSET d 4\r\n")).isEqualTo(":1\r\n+OK\r\n");
	}

	@Test
	void refusesBytesPastMaxMemory() {
		String set = "*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$500\r\n" + "v".repeat(500) + "\r\n";
		assertThat(send(this.client, set)).isEqualTo("+OK\r\n");
		assertThat(send(this.client, set.replace("big", "bi2") + "GET bi2\r\n"))
			.isEqualTo("-OOM command not allowed when used memory > 'maxmemory'.\r\n$-1\r\n");
		// Replacing a value with a shorter one frees memory, so it is allowed.
		assertThat(send(this.client, "SET big small\r\n" + set.replace("big", "bi2"))).isEqualTo("+OK\r\n+OK\r\n");
	}

	@Test
	void closesRequestsPastTheProtocolLimits() {
		assertThat(send(this.client, "*1\r\n$601\r\n"))
			.isEqualTo("-ERR Protocol error: invalid bulk length\r\n<CLOSE>");
		TestConnection other = this.ngi.connect("kv");
		assertThat(send(other, "*6\r\n")).isEqualTo("-ERR Protocol error: invalid multibulk length\r\n<CLOSE>");
		other = this.ngi.connect("kv");
		assertThat(send(other, "ECHO " + "x".repeat(60) + "\r\n"))
			.isEqualTo("-ERR Protocol error: too big inline request\r\n<CLOSE>");
		other = this.ngi.connect("kv");
		assertThat(send(other, "*2\r\n$500\r\n" + "x".repeat(500) + "\r\n$400\r\n"))
			.isEqualTo("-ERR Protocol error: too big request\r\n<CLOSE>");
		other = this.ngi.connect("kv");
		assertThat(send(other, "*2\r\n$4\r\nECHO\r\n$600\r\n" + "x".repeat(600) + "\r\n"))
			.isEqualTo("$600\r\n" + "x".repeat(600) + "\r\n");
	}

	@Test
	void reportsItsLimitsInConfigGet() {
		assertThat(send(this.client, "CONFIG GET maxmemory proto-max-bulk-len\r\n"))
			.isEqualTo("*4\r\n$9\r\nmaxmemory\r\n$4\r\n1024\r\n$18\r\nproto-max-bulk-len\r\n$3\r\n600\r\n");
	}

}
