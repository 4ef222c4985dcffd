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

package io.ngi.nio;

import jdk.jfr.Category;
import jdk.jfr.DataAmount;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

/**
 * JDK Flight Recorder event {@code io.ngi.Connection}: one TCP connection's life,
 * committed when its socket closes. Disabled unless a recording enables it; when disabled
 * it costs a check per closed connection.
 */
@Name("io.ngi.Connection")
@Label("NGI Connection")
@Category({ "NGI" })
@Description("A TCP connection served by NGI, from accept or connect to close")
@StackTrace(false)
final class ConnectionEvent extends Event {

	@Label("Peer")
	String peer;

	@Label("Listener")
	@Description("The listener's address, empty for a client connection")
	String listener;

	@Label("Bytes In")
	@DataAmount
	long bytesIn;

	@Label("Bytes Out")
	@DataAmount
	long bytesOut;

	@Label("Close Reason")
	String closeReason;

	@Label("Close Kind")
	String closeKind;

	@Label("Lifetime")
	@Timespan(Timespan.NANOSECONDS)
	long lifetime;

	@Label("TLS Protocol")
	String tlsProtocol;

}
