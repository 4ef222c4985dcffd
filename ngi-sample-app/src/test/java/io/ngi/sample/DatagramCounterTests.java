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

package io.ngi.sample;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.ngi.UdpListener;
import io.ngi.testing.TestingImplementation;

import static org.assertj.core.api.Assertions.assertThat;

class DatagramCounterTests {

	private final TestingImplementation implementation = new TestingImplementation();

	private final List<String> acks = new ArrayList<>();

	@Test
	void acknowledgesEachDatagramWithTheSendersCount() {
		SocketAddress address = TestingImplementation.address("udp");
		UdpListener counter = this.implementation.listenUdp(address, new DatagramCounter(this.implementation, 10));
		UdpListener source = this.implementation.listenUdp(TestingImplementation.udpSource(),
				(from, message) -> this.acks.add(new String(message, StandardCharsets.US_ASCII)));
		this.implementation.sendUdp(address, "hello".getBytes(StandardCharsets.US_ASCII));
		this.implementation.sendUdp(address, new byte[0]);
		this.implementation.sendUdp(address, "again".getBytes(StandardCharsets.US_ASCII));
		source.close();
		counter.close();
		assertThat(this.acks).containsExactly("ack 1 5\n", "ack 2 0\n", "ack 3 5\n");
	}

	@Test
	void countsEachSenderSeparately() {
		DatagramCounter counter = new DatagramCounter(this.implementation, 10);
		SocketAddress one = new InetSocketAddress("127.0.0.1", 1001);
		SocketAddress two = new InetSocketAddress("127.0.0.1", 1002);
		counter.handle(one, new byte[1]);
		counter.handle(one, new byte[1]);
		counter.handle(two, new byte[1]);
		assertThat(counter.count(one)).isEqualTo(2);
		assertThat(counter.count(two)).isEqualTo(1);
	}

	@Test
	void forgetsEveryoneWhenTheTableOfSendersIsFull() {
		DatagramCounter counter = new DatagramCounter(this.implementation, 2);
		SocketAddress one = new InetSocketAddress("127.0.0.1", 1001);
		SocketAddress two = new InetSocketAddress("127.0.0.1", 1002);
		SocketAddress three = new InetSocketAddress("127.0.0.1", 1003);
		counter.handle(one, new byte[1]);
		counter.handle(two, new byte[1]);
		counter.handle(two, new byte[1]);
		counter.handle(three, new byte[1]);
		assertThat(counter.count(one)).isZero();
		assertThat(counter.count(two)).isZero();
		assertThat(counter.count(three)).isEqualTo(1);
	}

}
