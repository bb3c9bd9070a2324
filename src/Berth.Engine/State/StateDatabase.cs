using Berth.Core.Errors;
using Microsoft.Data.Sqlite;

namespace Berth.Engine.State;

/// <summary>
/// The one SQLite database (WAL) holding all metadata. A single connection serialised by a lock:
/// every statement is tiny, so this is faster than a pool and makes multi-row changes atomic.
/// </summary>
public sealed class StateDatabase : IDisposable
{
    private const int SchemaVersion = 1;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _lock = new(1, 1);

    public StateDatabase(string path)
    {
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        _connection.Open();
        Execute("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout=5000;");
        Migrate();
    }

    private void Migrate()
    {
        Execute("""
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS containers(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, data TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS images(id TEXT PRIMARY KEY, data TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS tags(ref TEXT PRIMARY KEY, image_id TEXT NOT NULL REFERENCES images(id), tagged_at TEXT NOT NULL);
            CREATE INDEX IF NOT EXISTS tags_image ON tags(image_id);
            CREATE TABLE IF NOT EXISTS volumes(name TEXT PRIMARY KEY, data TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS networks(id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, data TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS leases(network_id TEXT NOT NULL, address TEXT NOT NULL, container_id TEXT NOT NULL, PRIMARY KEY(network_id, address));
            """);
        Execute($"INSERT OR IGNORE INTO meta(key, value) VALUES('schema', '{SchemaVersion}')");
    }

    /// <summary>Runs <paramref name="work"/> alone on the connection, in a transaction when asked.</summary>
    public async Task<T> RunAsync<T>(Func<SqliteConnection, SqliteTransaction?, T> work, bool transaction = false)
    {
        await _lock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!transaction)
            {
                return work(_connection, null);
            }

            using var tx = _connection.BeginTransaction();
            var result = work(_connection, tx);
            tx.Commit();
            return result;
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 13 /* SQLITE_FULL */)
        {
            throw Errors.Internal("no space left on device", e);
        }
        finally
        {
            _lock.Release();
        }
    }

    public Task RunAsync(Action<SqliteConnection, SqliteTransaction?> work, bool transaction = false) =>
        RunAsync<bool>((c, t) =>
        {
            work(c, t);
            return true;
        }, transaction);

    private void Execute(string sql)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _lock.Dispose();
    }
}
