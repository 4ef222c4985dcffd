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

import java.util.List;

/**
 * A listener's open connections, bounded: how many there are, and snapshots of the first
 * few ({@link NioImplementation#connections}).
 *
 * @param total how many connections are open
 * @param first snapshots of at most the number asked for, in no particular order
 */
public record ListenerConnections(int total, List<ConnectionSnapshot> first) {

}
