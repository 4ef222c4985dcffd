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

package io.ngi;

/**
 * Whether a listener reads HAProxy's PROXY protocol header (v1, text, or v2, binary) at
 * the start of each connection, to learn the real client's address when it sits behind a
 * load balancer ({@link ListenOptions.Builder#proxyProtocol}).
 */
public enum ProxyProtocol {

	/** No header is read: the connection's bytes are the client's. */
	OFF,

	/**
	 * A header is read if a trusted proxy sends one; a connection without one, or from a
	 * source that is not trusted, is served as it is (its bytes are the client's).
	 */
	OPTIONAL,

	/**
	 * Every connection must come from a trusted proxy and start with a valid header;
	 * otherwise it is closed before any handler runs.
	 */
	REQUIRED

}
