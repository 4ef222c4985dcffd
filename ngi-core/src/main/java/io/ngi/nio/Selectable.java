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

import java.nio.channels.SelectionKey;

/**
 * What a loop attaches to a selection key: a connection, a connector or a listener. All
 * methods are called on the owning loop's thread.
 */
interface Selectable {

	/**
	 * Handles the key's ready operations.
	 * @param key the selected key
	 */
	void ready(SelectionKey key);

	/**
	 * Closes at once because the implementation is shutting down.
	 */
	void shutdown();

}
