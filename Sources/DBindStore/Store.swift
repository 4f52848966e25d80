import DBindCore
