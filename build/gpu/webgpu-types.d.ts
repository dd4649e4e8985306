/**
 * The small part of the WebGPU API the engine uses, typed structurally so that the package
 * needs neither @webgpu/types nor a DOM lib with WebGPU: any conforming implementation
 * (navigator.gpu in browsers and Deno, the npm `webgpu` package in Node) fits.
 */
export interface GpuLike {
    requestAdapter(options?: {
        powerPreference?: 'low-power' | 'high-performance';
        forceFallbackAdapter?: boolean;
    }): Promise<GpuAdapterLike | null>;
}
export interface GpuAdapterInfoLike {
    readonly vendor?: string;
    readonly architecture?: string;
    readonly device?: string;
    readonly description?: string;
    readonly isFallbackAdapter?: boolean;
}
export interface GpuLimitsLike {
    readonly maxStorageBufferBindingSize: number;
    readonly maxBufferSize: number;
    readonly maxStorageBuffersPerShaderStage: number;
    readonly maxComputeWorkgroupStorageSize: number;
    readonly maxComputeWorkgroupsPerDimension: number;
    readonly maxComputeInvocationsPerWorkgroup: number;
    readonly maxComputeWorkgroupSizeX: number;
    readonly minStorageBufferOffsetAlignment: number;
    readonly minUniformBufferOffsetAlignment: number;
    readonly maxBindingsPerBindGroup?: number;
}
export interface GpuAdapterLike {
    readonly limits: GpuLimitsLike;
    readonly info?: GpuAdapterInfoLike;
    readonly isFallbackAdapter?: boolean;
    requestAdapterInfo?(): Promise<GpuAdapterInfoLike>;
    requestDevice(descriptor?: {
        label?: string;
        requiredLimits?: Record<string, number>;
    }): Promise<GpuDeviceLike>;
}
export interface GpuBufferLike {
    readonly size: number;
    mapAsync(mode: number, offset?: number, size?: number): Promise<void>;
    getMappedRange(offset?: number, size?: number): ArrayBuffer;
    unmap(): void;
    destroy(): void;
}
export interface GpuCompilationMessageLike {
    readonly message: string;
    readonly type: 'error' | 'warning' | 'info';
    readonly lineNum?: number;
    readonly linePos?: number;
}
export interface GpuShaderModuleLike {
    getCompilationInfo?(): Promise<{
        readonly messages: readonly GpuCompilationMessageLike[];
    }>;
}
export interface GpuBindGroupLayoutLike {
    readonly __brand?: 'GPUBindGroupLayout';
}
export interface GpuBindGroupLike {
    readonly __brand?: 'GPUBindGroup';
}
export interface GpuComputePipelineLike {
    getBindGroupLayout(index: number): GpuBindGroupLayoutLike;
}
export interface GpuComputePassLike {
    setPipeline(pipeline: GpuComputePipelineLike): void;
    setBindGroup(index: number, group: GpuBindGroupLike): void;
    dispatchWorkgroups(x: number, y?: number, z?: number): void;
    end(): void;
}
export interface GpuCommandEncoderLike {
    beginComputePass(descriptor?: {
        label?: string;
    }): GpuComputePassLike;
    copyBufferToBuffer(source: GpuBufferLike, sourceOffset: number, destination: GpuBufferLike, destinationOffset: number, size: number): void;
    finish(): unknown;
}
export interface GpuQueueLike {
    writeBuffer(buffer: GpuBufferLike, offset: number, data: ArrayBufferView | ArrayBuffer, dataOffset?: number, size?: number): void;
    submit(commandBuffers: unknown[]): void;
    onSubmittedWorkDone(): Promise<void>;
}
export interface GpuErrorLike {
    readonly message: string;
}
export interface GpuDeviceLostInfoLike {
    readonly reason?: string;
    readonly message: string;
}
export interface GpuBindGroupEntryLike {
    binding: number;
    resource: {
        buffer: GpuBufferLike;
        offset?: number;
        size?: number;
    };
}
export interface GpuDeviceLike {
    readonly limits: GpuLimitsLike;
    readonly queue: GpuQueueLike;
    readonly lost: Promise<GpuDeviceLostInfoLike>;
    createBuffer(descriptor: {
        size: number;
        usage: number;
        label?: string;
        mappedAtCreation?: boolean;
    }): GpuBufferLike;
    createShaderModule(descriptor: {
        code: string;
        label?: string;
    }): GpuShaderModuleLike;
    createComputePipelineAsync(descriptor: {
        layout: 'auto';
        compute: {
            module: GpuShaderModuleLike;
            entryPoint: string;
        };
        label?: string;
    }): Promise<GpuComputePipelineLike>;
    createBindGroup(descriptor: {
        layout: GpuBindGroupLayoutLike;
        entries: GpuBindGroupEntryLike[];
        label?: string;
    }): GpuBindGroupLike;
    createCommandEncoder(descriptor?: {
        label?: string;
    }): GpuCommandEncoderLike;
    pushErrorScope(filter: 'validation' | 'out-of-memory' | 'internal'): void;
    popErrorScope(): Promise<GpuErrorLike | null>;
    destroy(): void;
}
/** GPUBufferUsage flags. */
export declare const BUFFER_USAGE: {
    readonly MAP_READ: 1;
    readonly MAP_WRITE: 2;
    readonly COPY_SRC: 4;
    readonly COPY_DST: 8;
    readonly INDEX: 16;
    readonly VERTEX: 32;
    readonly UNIFORM: 64;
    readonly STORAGE: 128;
    readonly INDIRECT: 256;
    readonly QUERY_RESOLVE: 512;
};
/** GPUMapMode flags. */
export declare const MAP_MODE: {
    readonly READ: 1;
    readonly WRITE: 2;
};
