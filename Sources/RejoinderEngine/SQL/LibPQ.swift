#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// PostgreSQL's client library, opened the first time a connection is
/// asked for rather than linked: libpq brings some twenty-five libraries
/// (TLS, Kerberos, LDAP) whose loading cost every run about 8 ms and 5 MB,
/// though few runs reach a server.
///
/// The functions are libpq's stable C interface, declared here with the
/// types its header gives them; the numbers are its enums' values.
struct LibPQ: Sendable {
    typealias Connection = OpaquePointer
    typealias Result = OpaquePointer

    static let connectionOK: Int32 = 0      // CONNECTION_OK
    static let commandOK: Int32 = 1         // PGRES_COMMAND_OK
    static let tuplesOK: Int32 = 2          // PGRES_TUPLES_OK
    static let primaryMessageField = Int32(UInt8(ascii: "M"))  // PG_DIAG_MESSAGE_PRIMARY

    let connectdb: @Sendable @convention(c) (UnsafePointer<CChar>?) -> Connection?
    let status: @Sendable @convention(c) (Connection?) -> Int32
    let errorMessage: @Sendable @convention(c) (Connection?) -> UnsafeMutablePointer<CChar>?
    let finish: @Sendable @convention(c) (Connection?) -> Void
    let exec: @Sendable @convention(c) (Connection?, UnsafePointer<CChar>?) -> Result?
    let resultStatus: @Sendable @convention(c) (Result?) -> Int32
    let resultErrorField: @Sendable @convention(c) (Result?, Int32) -> UnsafeMutablePointer<CChar>?
    let resultErrorMessage: @Sendable @convention(c) (Result?) -> UnsafeMutablePointer<CChar>?
    let clear: @Sendable @convention(c) (Result?) -> Void
    let cmdTuples: @Sendable @convention(c) (Result?) -> UnsafeMutablePointer<CChar>?
    let ntuples: @Sendable @convention(c) (Result?) -> Int32
    let nfields: @Sendable @convention(c) (Result?) -> Int32
    let getvalue: @Sendable @convention(c) (Result?, Int32, Int32) -> UnsafeMutablePointer<CChar>?

    /// The library, or why it cannot be opened.
    static func loaded() throws(EvaluationFailure) -> LibPQ {
        switch opened {
        case .success(let library): return library
        case .failure(let failure): throw .backend("cannot connect to PostgreSQL: \(failure.reason)")
        }
    }

    struct Missing: Error {
        let reason: String
    }

    #if canImport(Darwin)
    static let names = ["libpq.5.dylib", "/opt/homebrew/opt/libpq/lib/libpq.5.dylib", "/usr/local/opt/libpq/lib/libpq.5.dylib"]
    #else
    static let names = ["libpq.so.5"]
    #endif

    /// Opened once per process, on first use; never closed.
    private static let opened = open(names)

    /// The first of the libraries `names` that opens, with every function
    /// found in it.
    static func open(_ names: [String]) -> Swift.Result<LibPQ, Missing> {
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            return .failure(Missing(reason: "its client library is missing (\(reason)); install libpq5 (apt-get install libpq5)"))
        }
        func function<Function>(_ name: String) throws(Missing) -> Function {
            guard let symbol = dlsym(handle, name) else { throw Missing(reason: "its client library has no \(name)") }
            return unsafeBitCast(symbol, to: Function.self)
        }
        do throws(Missing) {
            return .success(LibPQ(
                connectdb: try function("PQconnectdb"), status: try function("PQstatus"),
                errorMessage: try function("PQerrorMessage"), finish: try function("PQfinish"),
                exec: try function("PQexec"), resultStatus: try function("PQresultStatus"),
                resultErrorField: try function("PQresultErrorField"), resultErrorMessage: try function("PQresultErrorMessage"),
                clear: try function("PQclear"), cmdTuples: try function("PQcmdTuples"),
                ntuples: try function("PQntuples"), nfields: try function("PQnfields"), getvalue: try function("PQgetvalue")))
        } catch {
            return .failure(error)
        }
    }
}
