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
