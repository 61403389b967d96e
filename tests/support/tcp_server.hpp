// A `xapian-tcpsrv` serving an index to the tests: on 127.0.0.1 only, on a free port, stopped
// (with the processes it forked for its connections) when the object goes.
#pragma once

#include <string>

namespace sova::test {

class TcpServer {
public:
    /// Starts `xapian-tcpsrv` (the program at `binary`) on `database` (an index folder) and
    /// returns once it accepts connections. Throws std::runtime_error when it cannot start.
    TcpServer(const std::string& binary, const std::string& database);
    ~TcpServer();
    TcpServer(const TcpServer&) = delete;
    TcpServer& operator=(const TcpServer&) = delete;

    /// "127.0.0.1:PORT", as Sova names the shard in messages.
    std::string name() const;
    /// "tcp://127.0.0.1:PORT", for --index.
    std::string location() const { return "tcp://" + name(); }
    unsigned port() const { return m_port; }
    /// Kills the server and every connection it serves, and waits for them to end.
    void stop();
    /// Kills the processes serving its open connections (as its --idle-timeout would end
    /// them), leaving it listening for new ones; returns how many were killed.
    int drop_connections();

private:
    int m_group = -1; // the server's process group
    unsigned m_port = 0;
};

/// A TCP port on 127.0.0.1 that nothing listens on now.
unsigned free_port();

} // namespace sova::test
