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

package io.ngi.spring.boot.test.sample;

import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;

import io.ngi.UdpHandler;
import io.ngi.spring.annotation.NgiUdpHandler;

/**
 * Hands each datagram, as text, to the {@link DatagramSink}.
 */
@NgiUdpHandler(name = "log", address = "127.0.0.1:0")
public class DatagramLog implements UdpHandler {

	private final DatagramSink sink;

	public DatagramLog(DatagramSink sink) {
		this.sink = sink;
	}

	@Override
	public void handle(SocketAddress source, byte[] message) {
		this.sink.accept(source.toString(), new String(message, StandardCharsets.UTF_8));
	}

}
