using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using EDTF.Streaming.Detection.Pipeline;

namespace EDTF.Streaming.Detection.Snapshots;

/// <summary>
/// The binary snapshot of a <see cref="DetectionPipeline"/>: magic <c>EDTFSNAP</c>, format version (int32, little-endian), length of
/// the compressed state (int64) and its SHA-256 (truncation and damage are caught before anything is believed), then the zlib stream of: the options it was taken with, the receiving stations by number, every part's state
/// fields (<see cref="StateComponents"/>; the reorder buffer as its waiting reports), an end marker.
/// </summary>
/// <remarks>Called on the pipeline's thread, between two calls that feed it. Any failure to read is a <see cref="PipelineSnapshotException"/>.</remarks>
internal static class PipelineSnapshot
{
    /// <summary>The format this build writes and reads.</summary>
    public const int FormatVersion = 1;

    private const int EndMarker = 0x454E4421; // "END!"
    private static readonly byte[] Magic = "EDTFSNAP"u8.ToArray();

    /// <summary>Magic, version, length of the compressed state, its SHA-256.</summary>
    private static readonly int HeadLength = Magic.Length + 4 + 8 + SHA256.HashSizeInBytes;

    public static void Write(DetectionPipeline pipeline, DetectionOptions options, Stream output)
    {
        using var body = new MemoryStream();
        using (var w = new BinaryWriter(body, Encoding.UTF8, leaveOpen: true))
        {
            WriteBody(w, pipeline, options);
        }

        using var packed = new MemoryStream();
        using (var zlib = new ZLibStream(packed, CompressionLevel.Fastest, leaveOpen: true))
        {
            body.Position = 0;
            body.CopyTo(zlib);
        }

        var bytes = packed.GetBuffer().AsSpan(0, (int)packed.Length);
        Span<byte> head = stackalloc byte[HeadLength];
        Magic.CopyTo(head);
        System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(head[Magic.Length..], FormatVersion);
        System.Buffers.Binary.BinaryPrimitives.WriteInt64LittleEndian(head[(Magic.Length + 4)..], bytes.Length);
        SHA256.HashData(bytes, head[(Magic.Length + 12)..]);
        output.Write(head);
        output.Write(bytes);
    }

    private static void WriteBody(BinaryWriter w, DetectionPipeline pipeline, DetectionOptions options)
    {
        var settings = EncodeOptions(options);
        w.Write7BitEncodedInt(settings.Length);
        w.Write(settings);
        var stations = StationIds.All();
        w.Write7BitEncodedInt(stations.Count);
        foreach (var (id, name) in stations)
        {
            w.Write7BitEncodedInt(id);
            w.Write(name);
        }

        var parts = StateComponents.Of(pipeline);
        var state = new StateWriter(w, parts.Known);
        foreach (var part in parts.Parts)
        {
            state.WriteType(part.GetType());
            if (part is ReorderBuffer buffer)
            {
                // The buffered reports are most of a snapshot: written field by field without reflection (the type's layout
                // still travels, so a build whose Observation differs refuses the snapshot).
                state.WriteType(typeof(Observation));
                w.Write7BitEncodedInt(buffer.Count);
                foreach (var o in buffer.Pending())
                {
                    w.Write(o.TimeMs);
                    w.Write(o.MmsiAndFlags);
                    w.Write(o.Sequence);
                    w.Write(o.Latitude);
                    w.Write(o.Longitude);
                    w.Write(o.SpeedKnots);
                    state.WriteValue(o.Static, typeof(StaticData));
                    state.WriteValue(o.Source, typeof(SourceRef));
                }

                continue;
            }

            foreach (var f in StateComponents.StateFields(part.GetType()))
            {
                state.WriteValue(f.GetValue(part), f.FieldType);
            }
        }

        w.Write(EndMarker);
    }

    /// <summary>Overwrites the state of <paramref name="pipeline"/> (freshly built, nothing added) with the snapshot's.</summary>
    public static void Read(Stream input, DetectionPipeline pipeline, DetectionOptions options)
    {
        var head = new byte[HeadLength];
        var got = input.ReadAtLeast(head, head.Length, throwOnEndOfStream: false);
        if (got < Magic.Length || !head.AsSpan(0, Magic.Length).SequenceEqual(Magic))
        {
            throw new PipelineSnapshotException(SnapshotFailure.UnknownFormat, "Not a pipeline snapshot (no EDTFSNAP header).");
        }

        if (got < Magic.Length + 4)
        {
            throw new PipelineSnapshotException(SnapshotFailure.Corrupt, "The pipeline snapshot is damaged or truncated: it ends within its header.");
        }

        var version = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(head.AsSpan(Magic.Length));
        if (version != FormatVersion)
        {
            throw new PipelineSnapshotException(SnapshotFailure.UnknownFormat,
                $"The pipeline snapshot has format version {version}; this build reads version {FormatVersion} only.");
        }

        if (got < head.Length)
        {
            throw new PipelineSnapshotException(SnapshotFailure.Corrupt, "The pipeline snapshot is damaged or truncated: it ends within its header.");
        }

        var length = System.Buffers.Binary.BinaryPrimitives.ReadInt64LittleEndian(head.AsSpan(Magic.Length + 4));
        if (length is < 0 or > int.MaxValue || (input.CanSeek && length > input.Length - input.Position))
        {
            throw new PipelineSnapshotException(SnapshotFailure.Corrupt, $"The pipeline snapshot is damaged or truncated: a length of {length} bytes, more than it holds.");
        }

        var packed = new byte[length];
        var read = input.ReadAtLeast(packed, packed.Length, throwOnEndOfStream: false);
        if (read < length || input.ReadByte() != -1)
        {
            throw new PipelineSnapshotException(SnapshotFailure.Corrupt,
                $"The pipeline snapshot is damaged or truncated: {(read < length ? read : "more than " + length)} of its {length} bytes.");
        }

        if (!SHA256.HashData(packed).AsSpan().SequenceEqual(head.AsSpan(Magic.Length + 12)))
        {
            throw new PipelineSnapshotException(SnapshotFailure.Corrupt, "The pipeline snapshot is damaged: its bytes do not match its checksum.");
        }

        var body = new MemoryStream();
        try
        {
            using var zlib = new ZLibStream(new MemoryStream(packed), CompressionMode.Decompress);
            zlib.CopyTo(body);
        }
        catch (Exception e) when (e is InvalidDataException or IOException)
        {
            throw new PipelineSnapshotException(SnapshotFailure.Corrupt, $"The pipeline snapshot is damaged: {e.Message}", e);
        }

        body.Position = 0;
        try
        {
            using var r = new BinaryReader(body, Encoding.UTF8);
            ReadBody(r, pipeline, options);
            if (body.Position != body.Length)
            {
                throw new PipelineSnapshotException(SnapshotFailure.Corrupt, "The pipeline snapshot is damaged: bytes after the end marker.");
            }
        }
        catch (Exception e) when (e is not PipelineSnapshotException and not OutOfMemoryException)
        {
            // Whatever bytes that passed the checksum make the decoder do (end of data, a value of the wrong type), it is one failure.
            throw new PipelineSnapshotException(SnapshotFailure.Corrupt, $"The pipeline snapshot is damaged or truncated: {e.Message}", e);
        }
    }

    private static void ReadBody(BinaryReader r, DetectionPipeline pipeline, DetectionOptions options)
    {
        var settings = r.ReadBytes(r.Read7BitEncodedInt());
        if (!settings.AsSpan().SequenceEqual(EncodeOptions(options)))
        {
            throw new PipelineSnapshotException(SnapshotFailure.OptionsChanged,
                "The pipeline snapshot was taken with other detection options than the ones configured now.");
        }

        var map = new Dictionary<int, int>();
        var stationCount = r.Read7BitEncodedInt();
        for (var i = 0; i < stationCount; i++)
        {
            var id = r.Read7BitEncodedInt();
            var now = StationIds.Of(r.ReadString());
            if (now != id)
            {
                map[id] = now;
            }
        }

        var parts = StateComponents.Of(pipeline);
        var state = new StateReader(r, parts.KnownInOrder) { StationMap = map.Count > 0 ? map : null };
        foreach (var part in parts.Parts)
        {
            var written = state.ReadType();
            if (written != part.GetType())
            {
                throw new PipelineSnapshotException(SnapshotFailure.LayoutChanged,
                    $"The pipeline snapshot was written by a build made of other parts ({written.Name} where this build has {part.GetType().Name}).");
            }

            if (part is ReorderBuffer buffer)
            {
                if (state.ReadType() != typeof(Observation))
                {
                    throw new PipelineSnapshotException(SnapshotFailure.Corrupt, "The pipeline snapshot is damaged: no report type before the buffered reports.");
                }

                var count = r.Read7BitEncodedInt();
                for (var i = 0; i < count; i++)
                {
                    var time = r.ReadInt64();
                    var mmsi = r.ReadInt32();
                    var sequence = r.ReadInt64();
                    var lat = r.ReadDouble();
                    var lon = r.ReadDouble();
                    var speed = r.ReadSingle();
                    var data = (StaticData?)state.ReadValue(typeof(StaticData));
                    var source = (SourceRef)state.ReadValue(typeof(SourceRef))!;
                    buffer.Add(new Observation(time, mmsi, sequence, lat, lon, speed, data, source));
                }

                continue;
            }

            foreach (var f in StateComponents.StateFields(part.GetType()))
            {
                f.SetValue(part, state.Translate(f, state.ReadValue(f.FieldType)));
            }
        }

        if (r.ReadInt32() != EndMarker)
        {
            throw new PipelineSnapshotException(SnapshotFailure.Corrupt, "The pipeline snapshot is damaged: no end marker after the state.");
        }
    }

    /// <summary>The options as bytes (their fields, by the same codec): equal bytes, equal options.</summary>
    private static byte[] EncodeOptions(DetectionOptions options)
    {
        using var buffer = new MemoryStream();
        using (var w = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            new StateWriter(w, new Dictionary<object, int>()) { AllowConfiguration = true }.WriteValue(options, typeof(DetectionOptions));
        }

        return buffer.ToArray();
    }
}
