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

/**
 * Clients that stay connected: {@link io.ngi.client.ReconnectingClient} keeps one
 * connection open to an address, reconnecting after failures and closes with the delays
 * of a {@link io.ngi.client.Backoff}, on any implementation's timers.
 */
@NullMarked
package io.ngi.client;

import org.jspecify.annotations.NullMarked;
