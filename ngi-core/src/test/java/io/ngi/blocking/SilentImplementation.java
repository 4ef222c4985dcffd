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

package io.ngi.blocking;

import java.net.SocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.time.Clock;
import java.time.Duration;

import io.ngi.Cancellable;
import io.ngi.ClientConnectHandler;
import io.ngi.ConnectOptions;
import io.ngi.Implementation;
import io.ngi.ListenOptions;
import io.ngi.Listener;
import io.ngi.Server;
import io.ngi.UdpHandler;
import io.ngi.UdpListener;
import org.jspecify.annotations.Nullable;

/**
 * An implementation whose connects never finish: it keeps the handlers, so a test can
 * call them late. It supports nothing else.
 */
final class SilentImplementation implements Implementation {

	private final List<ClientConnectHandler> handlers = new CopyOnWriteArrayList<>();

	@Override
	public void connect(SocketAddress address, ClientConnectHandler handler, ConnectOptions options) {
		this.handlers.add(handler);
	}

	List<ClientConnectHandler> handlers() {
		return this.handlers;
	}

	@Override
	public Listener listen(@Nullable SocketAddress address, Server server, ListenOptions options) {
		throw new UnsupportedOperationException("listen");
	}

	@Override
	public Cancellable schedule(Duration delay, Runnable task) {
		throw new UnsupportedOperationException("schedule");
	}

	@Override
	public Clock clock() {
		return Clock.systemUTC();
	}

	@Override
	public void sendUdp(SocketAddress address, byte[] message) {
		throw new UnsupportedOperationException("sendUdp");
	}

	@Override
	public UdpListener listenUdp(@Nullable SocketAddress address, UdpHandler handler, ListenOptions options) {
		throw new UnsupportedOperationException("listenUdp");
	}

}
