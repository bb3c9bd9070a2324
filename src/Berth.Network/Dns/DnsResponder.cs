using System.Net.Sockets;

namespace Berth.Network.Dns;

/// <summary>
/// Answers one query: A and AAAA for the network's names and PTR for its addresses from the record
/// source, everything else from upstream; SERVFAIL when upstream does not answer, FORMERR for a malformed
/// query. Mirrors moby's resolver: a known name without an address of the asked family gets an empty
/// NOERROR answer rather than a forward.
/// </summary>
internal sealed class DnsResponder(IDnsRecordSource records, DnsForwarder forwarder)
{
    /// <summary>moby's respTTL.</summary>
    private const uint Ttl = 600;

    /// <summary>The reply bytes, or null when the query is not worth an answer (not even a header).</summary>
    public async Task<byte[]?> RespondAsync(ReadOnlyMemory<byte> query, bool tcp, CancellationToken ct)
    {
        DnsMessage request;
        try
        {
            request = DnsMessage.Parse(query.Span);
        }
        catch (FormatException)
        {
            return query.Length >= 12 ? HeaderOnlyError(query.Span) : null;
        }

        if (request.IsResponse)
        {
            return null;
        }

        if (request.Opcode != 0 || request.Questions.Count != 1)
        {
            return request.CreateResponse(DnsResponseCode.NotImplemented).Serialize();
        }

        if (Answer(request) is { } local)
        {
            return Fit(local, request, tcp);
        }

        return await forwarder.ForwardAsync(query, tcp, ct).ConfigureAwait(false)
            ?? request.CreateResponse(DnsResponseCode.ServerFailure).Serialize();
    }

    private DnsMessage? Answer(DnsMessage request)
    {
        var question = request.Questions[0];
        if (question.Class != DnsRecord.ClassInternet)
        {
            return null;
        }

        switch (question.Type)
        {
            case DnsRecordType.A or DnsRecordType.Aaaa:
                if (records.ResolveName(question.Name) is not { } addresses)
                {
                    return null;
                }

                var family = question.Type == DnsRecordType.A ? AddressFamily.InterNetwork : AddressFamily.InterNetworkV6;
                var response = request.CreateResponse(DnsResponseCode.NoError);
                response.Authoritative = true;
                response.Answers.AddRange(addresses.Where(a => a.AddressFamily == family).Select(a => DnsRecord.Address(question.Name, a, Ttl)));
                return response;

            case DnsRecordType.Ptr:
                if (!ReverseNames.TryParse(question.Name, out var address) || records.ResolveAddress(address) is not { } name)
                {
                    return null;
                }

                var pointer = request.CreateResponse(DnsResponseCode.NoError);
                pointer.Authoritative = true;
                pointer.Answers.Add(DnsRecord.Pointer(question.Name, name, Ttl));
                return pointer;

            default:
                return null;
        }
    }

    /// <summary>Over UDP, an answer larger than the client accepts goes out truncated (TC), so the client retries over TCP.</summary>
    private static byte[] Fit(DnsMessage response, DnsMessage request, bool tcp)
    {
        var bytes = response.Serialize();
        if (tcp || bytes.Length <= request.MaxUdpPayload)
        {
            return bytes;
        }

        response.Answers.Clear();
        response.Truncated = true;
        return response.Serialize();
    }

    /// <summary>FORMERR echoing the id of a query whose header is readable but whose body is not.</summary>
    private static byte[] HeaderOnlyError(ReadOnlySpan<byte> query)
    {
        var reply = new byte[12];
        query[..2].CopyTo(reply);
        reply[2] = (byte)(0x80 | (query[2] & 0x79));
        reply[3] = (byte)DnsResponseCode.FormatError;
        return reply;
    }
}
