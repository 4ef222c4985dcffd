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
 * Machinery the implementations share, not an API: the per-connection event dispatcher
 * that both the NIO and the testing implementation run, so that they deliver events the
 * same way. Public only because the implementations live in other packages; applications
 * must not use it, and it may change in any release.
 */
@NullMarked
package io.ngi.internal;

import org.jspecify.annotations.NullMarked;
